/*
 * gen_reports.c — bench-gen: makes the benchmark corpus from the seed reports.
 *
 * Usage: bench-gen OUTDIR N SEED_FILE...
 * Writes OUTDIR/r00000.txt … (N files), each a copy of one seed (round-robin) with every run
 * of ASCII digits replaced by a pseudo-random number of the same length, so each file has the
 * seed's size and structure but its own numbers. The PRNG is xorshift64 with a fixed seed:
 * the same arguments always give the same files.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct seed {
    char *data;
    size_t len;
} seed;

static uint64_t rng_state = 0x9E3779B97F4A7C15u;

static uint64_t rng_next(void)
{
    uint64_t x = rng_state;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    rng_state = x;
    return x;
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int load_file(const char *path, seed *out)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "bench-gen: %s: %s\n", path, strerror(errno));
        return -1;
    }
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap);
    size_t n;
    while (buf && (n = fread(buf + len, 1, cap - len, f)) > 0) {
        len += n;
        if (len == cap) {
            cap *= 2;
            char *nb = realloc(buf, cap);
            if (!nb)
                free(buf);
            buf = nb;
        }
    }
    int bad = ferror(f) || !buf;
    fclose(f);
    if (bad) {
        fprintf(stderr, "bench-gen: %s: read failed\n", path);
        free(buf);
        return -1;
    }
    out->data = buf;
    out->len = len;
    return 0;
}

/* Replaces each digit run of buf with random digits; a run longer than one keeps a nonzero
 * first digit so it still reads as a number. */
static void vary_numbers(char *buf, size_t len)
{
    size_t i = 0;
    while (i < len) {
        if (!is_digit(buf[i])) {
            i++;
            continue;
        }
        size_t start = i;
        while (i < len && is_digit(buf[i]))
            i++;
        for (size_t j = start; j < i; j++) {
            int lead = j == start && i - start > 1;
            uint64_t r = rng_next() >> 32;
            buf[j] = (char)(lead ? '1' + (int)(r % 9) : '0' + (int)(r % 10));
        }
    }
}

static int write_file(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f) {
        fprintf(stderr, "bench-gen: %s: %s\n", path, strerror(errno));
        return -1;
    }
    int bad = fwrite(data, 1, len, f) != len;
    bad |= fclose(f) != 0;
    if (bad)
        fprintf(stderr, "bench-gen: %s: write failed\n", path);
    return bad ? -1 : 0;
}

static int generate(const char *outdir, long n, const seed *seeds, int nseeds)
{
    size_t maxlen = 0;
    for (int s = 0; s < nseeds; s++)
        maxlen = seeds[s].len > maxlen ? seeds[s].len : maxlen;
    char *buf = malloc(maxlen + 1);
    if (!buf)
        return -1;
    int rc = 0;
    char path[4096];
    for (long i = 0; i < n && rc == 0; i++) {
        const seed *s = &seeds[i % nseeds];
        memcpy(buf, s->data, s->len);
        vary_numbers(buf, s->len);
        snprintf(path, sizeof path, "%s/r%05ld.txt", outdir, i);
        rc = write_file(path, buf, s->len);
    }
    free(buf);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: bench-gen OUTDIR N SEED_FILE...\n");
        return 2;
    }
    char *end;
    long n = strtol(argv[2], &end, 10);
    if (*end != '\0' || n <= 0) {
        fprintf(stderr, "bench-gen: N must be a positive integer\n");
        return 2;
    }
    int nseeds = argc - 3;
    seed *seeds = calloc((size_t)nseeds, sizeof *seeds);
    int rc = seeds ? 0 : 1;
    for (int s = 0; s < nseeds && rc == 0; s++)
        rc = load_file(argv[3 + s], &seeds[s]) != 0;
    if (rc == 0)
        rc = generate(argv[1], n, seeds, nseeds) != 0;
    for (int s = 0; seeds && s < nseeds; s++)
        free(seeds[s].data);
    free(seeds);
    return rc;
}
