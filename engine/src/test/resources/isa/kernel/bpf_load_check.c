// SPDX-License-Identifier: MIT
// Test oracle: asks the running kernel to load programs and reports its verdict.
// stdin: one program per line, each instruction slot as 16 hex digits (the 8 bytes in file
// order), slots separated by spaces. stdout: one line per program, "OK" or
// "ERR <errno> <the verifier log's last line before its statistics>".
// Programs are loaded as socket filters (so LD_ABS/LD_IND are allowed) and closed at once.
// A one-element array map (4-byte key, 8-byte value) is open as fd MAP_FD and is element 0
// of fd_array, so LD_IMM64 with src 1/2 and imm MAP_FD, or src 5/6 and imm 0, name a map.
#include <errno.h>
#include <linux/bpf.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define MAX_SLOTS 4096
#define MAP_FD 100
static char log_buf[1 << 20];

static int parse(char *line, struct bpf_insn *insns)
{
    int n = 0;
    for (char *tok = strtok(line, " \t\n"); tok && n < MAX_SLOTS; tok = strtok(NULL, " \t\n")) {
        uint8_t bytes[8];
        if (strlen(tok) != 16) return -1;
        for (int i = 0; i < 8; i++) {
            unsigned v;
            if (sscanf(tok + 2 * i, "%2x", &v) != 1) return -1;
            bytes[i] = (uint8_t)v;
        }
        memcpy(&insns[n++], bytes, 8);
    }
    return n;
}

/* The log's last line that is not the closing statistics ("processed N insns ..."). */
static void last_line(const char *log, char *out, size_t size)
{
    const char *end = log + strlen(log);
    out[0] = 0;
    while (end > log) {
        while (end > log && (end[-1] == '\n' || end[-1] == ' ')) end--;
        const char *start = end;
        while (start > log && start[-1] != '\n') start--;
        if (end > start && strncmp(start, "processed ", 10) != 0 && strncmp(start, "verification time", 17) != 0) {
            size_t len = (size_t)(end - start) < size - 1 ? (size_t)(end - start) : size - 1;
            memcpy(out, start, len);
            out[len] = 0;
            return;
        }
        end = start;
    }
}

static int create_map(void)
{
    union bpf_attr attr;
    memset(&attr, 0, sizeof attr);
    attr.map_type = BPF_MAP_TYPE_ARRAY;
    attr.key_size = 4;
    attr.value_size = 8;
    attr.max_entries = 1;
    int fd = (int)syscall(__NR_bpf, BPF_MAP_CREATE, &attr, sizeof attr);
    if (fd < 0 || dup2(fd, MAP_FD) < 0) return -1;
    if (fd != MAP_FD) close(fd);
    return 0;
}

int main(void)
{
    static char line[MAX_SLOTS * 17 + 16];
    static struct bpf_insn insns[MAX_SLOTS];
    static int fd_array[1] = {MAP_FD};
    if (create_map() < 0) { perror("map create"); return 1; }
    while (fgets(line, sizeof line, stdin)) {
        int n = parse(line, insns);
        if (n < 0) { printf("ERR -1 unparsable input\n"); fflush(stdout); continue; }
        union bpf_attr attr;
        memset(&attr, 0, sizeof attr);
        attr.prog_type = BPF_PROG_TYPE_SOCKET_FILTER;
        attr.insns = (uint64_t)(uintptr_t)insns;
        attr.insn_cnt = (uint32_t)n;
        attr.license = (uint64_t)(uintptr_t)"GPL";
        attr.log_buf = (uint64_t)(uintptr_t)log_buf;
        attr.log_size = sizeof log_buf;
        attr.log_level = 1;
        attr.fd_array = (uint64_t)(uintptr_t)fd_array;
        log_buf[0] = 0;
        int fd = (int)syscall(__NR_bpf, BPF_PROG_LOAD, &attr, sizeof attr);
        if (fd >= 0) {
            close(fd);
            printf("OK\n");
        } else {
            char last[512];
            last_line(log_buf, last, sizeof last);
            printf("ERR %d %s\n", errno, last);
        }
        fflush(stdout);
    }
    return 0;
}
