/*
 * inputs.c — expands directories on the command line into the files under them.
 */
#include "inputs.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_DEPTH 64

static void push(inputs *in, const char *path)
{
    if (in->n == in->cap) {
        in->cap = in->cap ? in->cap * 2 : 16;
        in->paths = realloc(in->paths, in->cap * sizeof *in->paths);
        if (!in->paths) {
            perror("gongkai");
            exit(2);
        }
    }
    in->paths[in->n] = strdup(path);
    if (!in->paths[in->n++]) {
        perror("gongkai");
        exit(2);
    }
}

static int visible(const struct dirent *e)
{
    return e->d_name[0] != '.';
}

static int is_dir(const char *path)
{
    struct stat sb;
    return strcmp(path, "-") != 0 && stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

static int walk(inputs *in, const char *dir, int depth)
{
    struct dirent **names;
    int n = scandir(dir, &names, visible, alphasort);
    if (n < 0) {
        push(in, dir); /* reading it will say why */
        return 0;
    }
    int rc = depth >= MAX_DEPTH ? -1 : 0;
    for (int i = 0; i < n; i++) {
        size_t len = strlen(dir) + strlen(names[i]->d_name) + 2;
        char *path = malloc(len);
        if (path && rc == 0) {
            snprintf(path, len, "%s/%s", dir, names[i]->d_name);
            if (is_dir(path))
                rc = walk(in, path, depth + 1);
            else
                push(in, path);
        }
        free(path);
        free(names[i]);
    }
    free(names);
    return rc;
}

int inputs_expand(inputs *in, char **args, int nargs)
{
    for (int i = 0; i < nargs; i++) {
        if (!is_dir(args[i]))
            push(in, args[i]);
        else if (walk(in, args[i], 0) < 0)
            return -1;
    }
    return 0;
}

void inputs_free(inputs *in)
{
    for (size_t i = 0; i < in->n; i++)
        free(in->paths[i]);
    free(in->paths);
    *in = (inputs){0};
}
