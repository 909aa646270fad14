/*
 * outfile.c — outputs written atomically (see outfile.h).
 */
#include "outfile.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int outfile_open(outfile *o, const char *path)
{
    size_t n = strlen(path) + sizeof ".tmpXXXXXX";
    *o = (outfile){NULL, malloc(n), strdup(path)};
    int fd = -1;
    if (o->tmp && o->path) {
        snprintf(o->tmp, n, "%s.tmpXXXXXX", path);
        fd = mkstemp(o->tmp);
    }
    if (fd >= 0) {
        mode_t mask = umask(0);
        umask(mask);
        fchmod(fd, 0666 & ~mask); /* as a plain fopen would create it */
        o->f = fdopen(fd, "w");
        if (!o->f) {
            close(fd);
            unlink(o->tmp);
        }
    }
    if (!o->f) {
        perror(path);
        free(o->tmp), free(o->path);
        *o = (outfile){0};
        return -1;
    }
    return 0;
}

int outfile_close(outfile *o, int ok)
{
    if (!o->f)
        return -1;
    ok = ok && fflush(o->f) == 0 && !ferror(o->f);
    ok = fclose(o->f) == 0 && ok && rename(o->tmp, o->path) == 0;
    if (!ok) {
        unlink(o->tmp);
        fprintf(stderr, "gongkai: cannot write %s\n", o->path);
    }
    free(o->tmp), free(o->path);
    *o = (outfile){0};
    return ok ? 0 : -1;
}
