/* A native interpreter for the argv tests: prints each argv entry followed by a NUL byte. */
#include <stdio.h>

int main(int argc, char **argv) {
    for (int i = 0; i < argc; i++) {
        fputs(argv[i], stdout);
        putchar('\0');
    }
    return 0;
}
