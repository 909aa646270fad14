/*
 * pairing.h — pairs the reports of two sets by agency, for `gongkai compare OLD NEW` over sets
 * of any size: the agencies of NEW are indexed once, then each report of OLD takes the first
 * unused report of NEW with the same agency — exactly, else one name ending with the other
 * (淮安市洪泽区人民政府 / 洪泽区人民政府; at least three characters in common at the end).
 * A lookup costs a few hash probes, not a pass over the set.
 */
#ifndef GK_CLI_PAIRING_H
#define GK_CLI_PAIRING_H

#include <stddef.h>

typedef struct pairing pairing;

pairing *pairing_new(void);
void pairing_free(pairing *p);

/* Adds report i of NEW (in increasing i) with its agency ("" is never paired). */
void pairing_add(pairing *p, size_t i, const char *agency);

/* The first unused report of NEW for this agency, now marked used; or -1. */
long pairing_take(pairing *p, const char *agency);

/* 1 if report i of NEW was added and has not been taken. */
int pairing_unused(const pairing *p, size_t i);

#endif
