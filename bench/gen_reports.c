/*
 * gen_reports.c — bench-gen: makes the benchmark corpus from the seed reports.
 *
 * Usage: bench-gen OUTDIR N SEED_FILE...
 * Writes OUTDIR/r00000.txt … (N files), each a copy of one seed (round-robin) with every run
 * of ASCII digits replaced by a pseudo-random number of the same length, so each file has the
 * seed's structure but its own numbers — except in the title (the first line with 年度报告,
 * or the line before when that line starts with it), which keeps its year and gets a prefix of
 * five characters from the file's number (甲乙丙…) before the agency, so every file is its own
 * agency's report of a real year. The PRNG is xorshift64
 * with a fixed seed: the same arguments always give the same files.
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

#define PREFIX_BYTES 15 /* five characters of three bytes */

/* Writes the prefix of file i (its number in base 10, each digit as 甲…癸) at buf. */
static size_t agency_prefix(char *buf, long i)
{
    static const char *const stems[10] = {"甲", "乙", "丙", "丁", "戊",
                                          "己", "庚", "辛", "壬", "癸"};
    for (int k = 4; k >= 0; k--, i /= 10)
        memcpy(buf + 3 * k, stems[i % 10], 3);
    return PREFIX_BYTES;
}

static const char *find(const char *s, size_t len, const char *what)
{
    size_t n = strlen(what);
    for (size_t k = 0; k + n <= len; k++)
        if (memcmp(s + k, what, n) == 0)
            return s + k;
    return NULL;
}

static size_t line_start(const char *s, size_t at)
{
    while (at > 0 && s[at - 1] != '\n')
        at--;
    return at;
}

/*
 * The title of a seed: its lines [*from, *to) — the first line with 年度报告, and the line
 * before it when it starts with it (a title on two lines) — and where its agency starts (after
 * a "名称:" label, spaces skipped). All three are 0 when there is no such line.
 */
static size_t title(const char *s, size_t len, size_t *from, size_t *to)
{
    const char *p = find(s, len, "年度报告");
    *from = *to = 0;
    if (!p)
        return 0;
    size_t at = line_start(s, (size_t)(p - s)), end = (size_t)(p - s);
    while (end < len && s[end] != '\n')
        end++;
    while (at < len && s[at] == ' ')
        at++;
    if (s + at == p && at > 0)
        at = line_start(s, line_start(s, at) - 1);
    *from = at;
    *to = end;
    for (const char *c = s + at; c < p; c++)
        if (*c == ':')
            at = (size_t)(c - s) + 1;
    while (at < len && s[at] == ' ')
        at++;
    return at;
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
    char *buf = malloc(maxlen + PREFIX_BYTES + 1);
    if (!buf)
        return -1;
    int rc = 0;
    char path[4096];
    for (long i = 0; i < n && rc == 0; i++) {
        const seed *s = &seeds[i % nseeds];
        size_t from, to, at = title(s->data, s->len, &from, &to);
        memcpy(buf, s->data, at);
        size_t pre = agency_prefix(buf + at, i);
        memcpy(buf + at + pre, s->data + at, s->len - at);
        vary_numbers(buf, from);
        vary_numbers(buf + pre + to, s->len - to);
        snprintf(path, sizeof path, "%s/r%05ld.txt", outdir, i);
        rc = write_file(path, buf, pre + s->len);
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
