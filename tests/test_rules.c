/*
 * test_rules.c — a passing and a failing fixture for every rule: runs the reader and checker
 * on each file named in tests/rules/cases.tsv and asserts that the rule fires (with the
 * severity and cell key given) or stays silent.
 *
 * usage: test-rules RULES_DIR
 */
#include <gongkai/gongkai.h>
#include <stdlib.h>

#include "harness.h"

static int has_key(const char *keys, const char *key)
{
    size_t n = strlen(key);
    for (const char *p = keys; (p = strstr(p, key)) != NULL; p += n)
        if ((p == keys || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' '))
            return 1;
    return 0;
}

static const char *sev_name(gk_severity s)
{
    return gk_severity_name(s, GK_LANG_EN);
}

static void run_case(const char *dir, const char *file, const char *rule, const char *expect,
                     const char *sev, const char *key)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    gk_doc *doc = NULL;
    if (gk_doc_read_file(path, &doc, NULL) != GK_OK) {
        CHECK_MSG(0, "%s: cannot read", file);
        return;
    }
    gk_check(doc);
    int hits = 0, exact = 0;
    for (size_t i = 0; i < gk_doc_diag_count(doc); i++) {
        const gk_diag *d = gk_doc_diag(doc, i);
        if (strcmp(d->rule, rule) != 0)
            continue;
        hits++;
        exact += strcmp(sev_name(d->severity), sev) == 0 &&
                 (strcmp(key, "-") == 0 || has_key(d->keys, key));
    }
    if (strcmp(expect, "silent") == 0)
        CHECK_MSG(hits == 0, "%s: %s should be silent, fired %d time(s)", file, rule, hits);
    else
        CHECK_MSG(exact > 0, "%s: %s should fire as %s on %s (fired %d time(s) otherwise)", file,
                  rule, sev, key, hits);
    gk_doc_free(doc);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: test-rules RULES_DIR\n");
        return 2;
    }
    char path[1024], line[1024];
    snprintf(path, sizeof path, "%s/cases.tsv", argv[1]);
    FILE *f = fopen(path, "r");
    CHECK_MSG(f != NULL, "cannot open %s", path);
    while (f && fgets(line, sizeof line, f)) {
        char file[256], rule[64], expect[16], sev[16], key[128];
        if (strncmp(line, "file\t", 5) == 0 || line[0] == '#')
            continue;
        if (sscanf(line, "%255[^\t]\t%63[^\t]\t%15[^\t]\t%15[^\t]\t%127[^\t\n]", file, rule, expect,
                   sev, key) != 5) {
            CHECK_MSG(0, "bad line in cases.tsv: %s", line);
            continue;
        }
        run_case(argv[1], file, rule, expect, sev, key);
    }
    if (f)
        fclose(f);
    return t_report();
}
