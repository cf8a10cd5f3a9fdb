/*
 * exec-in DIR PATH [ARG...]: chdir(DIR), then execve(PATH, [ARG...]) exactly as given: no PATH
 * search (so PATH may have no '/'), and no ARG is an empty argv. A failure prints
 * "ERR <errno name>" on stdout, where the tests read the interpreter's output.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

extern char **environ;

int main(int argc, char **argv) {
    if (argc < 3) {
        fputs("usage: exec-in DIR PATH [ARG...]\n", stderr);
        return 2;
    }
    if (chdir(argv[1]) != 0) {
        printf("ERR chdir %s\n", strerrorname_np(errno));
        return 1;
    }
    execve(argv[2], argv + 3, environ);
    printf("ERR %s\n", strerrorname_np(errno));
    return 1;
}
