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

/* A command-line argument: a directory, or a symbolic link to one, is walked. */
static int is_dir(const char *path)
{
    struct stat sb;
    return strcmp(path, "-") != 0 && stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

enum entry { ENTRY_FILE, ENTRY_DIR, ENTRY_SKIP };

/* An entry met while walking: a directory (not through a link), a regular file (or a link to
 * one), or anything else, which is skipped with a note on standard error. */
static enum entry classify(const char *path)
{
    struct stat sb, to;
    int got = lstat(path, &sb) == 0;
    if (got && S_ISDIR(sb.st_mode))
        return ENTRY_DIR;
    if (got && S_ISREG(sb.st_mode))
        return ENTRY_FILE;
    int link = got && S_ISLNK(sb.st_mode) && stat(path, &to) == 0;
    if (link && S_ISREG(to.st_mode))
        return ENTRY_FILE;
    if (link && S_ISDIR(to.st_mode))
        fprintf(stderr, "%s: 跳过指向目录的符号链接 / skipped: a symbolic link to a directory\n",
                path);
    else
        fprintf(stderr, "%s: 跳过，不是普通文件 / skipped: not a regular file\n", path);
    return ENTRY_SKIP;
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
            enum entry e = classify(path);
            if (e == ENTRY_DIR)
                rc = walk(in, path, depth + 1);
            else if (e == ENTRY_FILE)
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
        if (!is_dir(args[i])) {
            push(in, args[i]);
            continue;
        }
        size_t before = in->n;
        in->dirs++;
        if (walk(in, args[i], 0) < 0)
            return -1;
        if (in->n == before) {
            fprintf(stderr, "%s: 目录中没有文件 / no files in directory\n", args[i]);
            in->empty++;
        }
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
