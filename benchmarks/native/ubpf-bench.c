// SPDX-License-Identifier: MIT
/*
 * ubpf-bench: times uBPF's interpreter and x86-64 JIT on one function of a BPF ELF object
 * and one 256-byte header, the way the JMH benchmarks time our engines.
 *
 *   ubpf-bench OBJ FUNCTION HEADER [BATCHES [BATCH_MS]] [--dump-jit FILE]
 *
 * prints one line per engine:  ENGINE r0=R ns=MEDIAN runs=RUNS [interpreter=PATH]
 * ns is the median over BATCHES (default 15) of the mean nanoseconds per run in a batch of
 * RUNS runs, RUNS being calibrated first so that one batch takes about BATCH_MS (default
 * 50) milliseconds; the calibration doubles as warm-up. PATH is what helper 212 chose.
 *
 * What uBPF needs that our loader does itself (each is the smallest change that lets uBPF
 * run the unchanged instructions):
 *  - .rodata: uBPF's ELF loader relocates LD_IMM64 only against writable data sections, so
 *    the harness marks read-only PROGBITS sections writable in its private copy of the
 *    object; the data-relocation hook then gives the address of the section's bytes in that
 *    copy, and the bounds-check hook lets the interpreter read them.
 *  - helper 212 (bpf_binprm_set_interp, the RFC's): uBPF's default helper table has 64
 *    slots; build-ubpf.sh builds uBPF (and this harness) with -DUBPF_MAX_EXT_FUNCS=256 so
 *    the call keeps its real index. The helper does what ours does: rejects len 0 or
 *    >= PATH_MAX with -EINVAL, otherwise copies len bytes into the chosen-interpreter buffer.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <ubpf.h>

#define HEADER_SIZE 256
#define PATH_MAX_BYTES 4096
#define BINPRM_SET_INTERP 212
#define MAX_DATA_SECTIONS 16

/* ---- helper 212 ---- */

static char chosen_interp[PATH_MAX_BYTES];
static int chosen_len = -1;

static uint64_t
binprm_set_interp(uint64_t path, uint64_t len, uint64_t r3, uint64_t r4, uint64_t r5)
{
    (void)r3, (void)r4, (void)r5;
    uint32_t n = (uint32_t)len;
    if (n == 0 || n >= PATH_MAX_BYTES)
        return (uint64_t)-EINVAL;
    memcpy(chosen_interp, (const void*)(uintptr_t)path, n);
    chosen_len = (int)n;
    return 0;
}

/* ---- global data (.rodata and friends) ---- */

struct data_range
{
    uintptr_t start;
    uint64_t size;
};

static struct data_range data_ranges[MAX_DATA_SECTIONS];
static int data_range_count;

static uint64_t
relocate_data(
    void* context, const uint8_t* data, uint64_t size, const char* symbol, uint64_t offset, uint64_t symbol_size)
{
    (void)context, (void)symbol, (void)symbol_size;
    int i = 0;
    while (i < data_range_count && data_ranges[i].start != (uintptr_t)data)
        i++;
    if (i == data_range_count && i < MAX_DATA_SECTIONS)
        data_ranges[data_range_count++] = (struct data_range){(uintptr_t)data, size};
    return (uint64_t)(uintptr_t)(data + offset);
}

static bool
in_data(void* context, uint64_t addr, uint64_t size)
{
    (void)context;
    for (int i = 0; i < data_range_count; i++) {
        const struct data_range* r = &data_ranges[i];
        if (addr >= r->start && size <= r->size && addr - r->start <= r->size - size)
            return true;
    }
    return false;
}

/* uBPF relocates only into SHF_ALLOC|SHF_WRITE data sections: make read-only data qualify. */
static void
make_rodata_writable(uint8_t* elf, size_t len)
{
    Elf64_Ehdr* eh = (Elf64_Ehdr*)elf;
    if (len < sizeof(*eh) || eh->e_shoff + (uint64_t)eh->e_shnum * sizeof(Elf64_Shdr) > len)
        return;
    Elf64_Shdr* sh = (Elf64_Shdr*)(elf + eh->e_shoff);
    for (int i = 0; i < eh->e_shnum; i++) {
        if (sh[i].sh_type == SHT_PROGBITS && sh[i].sh_flags == SHF_ALLOC)
            sh[i].sh_flags = SHF_ALLOC | SHF_WRITE;
    }
}

/* ---- files ---- */

static uint8_t*
read_file(const char* path, size_t* len)
{
    FILE* f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "ubpf-bench: %s: %s\n", path, strerror(errno));
        exit(1);
    }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t* buf = calloc(1, n > HEADER_SIZE ? (size_t)n : HEADER_SIZE);
    if (fread(buf, 1, (size_t)n, f) != (size_t)n) {
        fprintf(stderr, "ubpf-bench: %s: short read\n", path);
        exit(1);
    }
    fclose(f);
    *len = (size_t)n;
    return buf;
}

static struct ubpf_vm*
load(const char* object, const char* function)
{
    size_t len;
    uint8_t* elf = read_file(object, &len); /* kept: relocated data points into it */
    make_rodata_writable(elf, len);
    struct ubpf_vm* vm = ubpf_create();
    char* err = NULL;
    if (!vm || ubpf_register(vm, BINPRM_SET_INTERP, "bpf_binprm_set_interp", binprm_set_interp) != 0 ||
        ubpf_register_data_relocation(vm, NULL, relocate_data) != 0 ||
        ubpf_register_data_bounds_check(vm, NULL, in_data) != 0) {
        fprintf(stderr, "ubpf-bench: cannot set up uBPF (is it built with -DUBPF_MAX_EXT_FUNCS=256?)\n");
        exit(1);
    }
    if (ubpf_load_elf_ex(vm, elf, len, function, &err) != 0) {
        fprintf(stderr, "ubpf-bench: %s: %s: %s\n", object, function, err);
        exit(1);
    }
    return vm;
}

/* ---- timing ---- */

static uint8_t header[HEADER_SIZE];
static struct ubpf_vm* vm;
static ubpf_jit_fn jitted;
static volatile uint64_t sink;

typedef uint64_t (*run_fn)(void);

static uint64_t
run_interp(void)
{
    uint64_t r0 = 0;
    if (ubpf_exec(vm, header, HEADER_SIZE, &r0) != 0) {
        fprintf(stderr, "ubpf-bench: the interpreter faulted\n");
        exit(1);
    }
    return r0;
}

static uint64_t
run_jit(void)
{
    return jitted(header, HEADER_SIZE);
}

static double
now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e9 + t.tv_nsec;
}

static int
by_value(const void* a, const void* b)
{
    double x = *(const double*)a, y = *(const double*)b;
    return (x > y) - (x < y);
}

/* Nanoseconds taken by `runs` runs. */
static double
batch_ns(run_fn run, long runs)
{
    uint64_t acc = 0;
    double start = now_ns();
    for (long i = 0; i < runs; i++)
        acc += run();
    double elapsed = now_ns() - start;
    sink += acc;
    return elapsed;
}

/* The number of runs that takes about batch_ms; finding it warms up caches and predictors. */
static long
calibrate(run_fn run, double batch_ms)
{
    long runs = 1;
    while (batch_ns(run, runs) < batch_ms * 1e6 / 4)
        runs *= 2;
    return runs * 4;
}

static double
median_ns(run_fn run, int batches, long runs)
{
    double per_run[batches];
    for (int b = 0; b < batches; b++)
        per_run[b] = batch_ns(run, runs) / runs;
    qsort(per_run, batches, sizeof(double), by_value);
    return per_run[batches / 2];
}

static void
report(const char* engine, run_fn run, int batches, double batch_ms)
{
    chosen_len = -1;
    uint64_t r0 = run();
    long runs = calibrate(run, batch_ms);
    printf("%s r0=%u ns=%.1f runs=%ld", engine, (unsigned)r0, median_ns(run, batches, runs), runs);
    if (chosen_len >= 0)
        printf(" interpreter=%.*s", chosen_len, chosen_interp);
    printf("\n");
}

static void
dump_jit(const char* path)
{
    size_t size = 1 << 20;
    uint8_t* code = malloc(size);
    char* err = NULL;
    if (ubpf_translate(vm, code, &size, &err) != 0) {
        fprintf(stderr, "ubpf-bench: translate: %s\n", err);
        exit(1);
    }
    FILE* f = fopen(path, "wb");
    if (!f || fwrite(code, 1, size, f) != size) {
        fprintf(stderr, "ubpf-bench: %s: cannot write\n", path);
        exit(1);
    }
    fclose(f);
    free(code);
}

int
main(int argc, char** argv)
{
    const char* dump = NULL;
    if (argc >= 3 && !strcmp(argv[argc - 2], "--dump-jit")) {
        dump = argv[argc - 1];
        argc -= 2;
    }
    if (argc < 4 || argc > 6) {
        fprintf(stderr, "usage: ubpf-bench OBJ FUNCTION HEADER [BATCHES [BATCH_MS]] [--dump-jit FILE]\n");
        return 2;
    }
    int batches = argc >= 5 ? atoi(argv[4]) : 15;
    double batch_ms = argc >= 6 ? atof(argv[5]) : 50;
    if (batches < 1 || batch_ms <= 0) {
        fprintf(stderr, "ubpf-bench: BATCHES and BATCH_MS must be positive\n");
        return 2;
    }
    size_t header_len;
    uint8_t* h = read_file(argv[3], &header_len);
    memcpy(header, h, HEADER_SIZE); /* the first 256 bytes, zero-filled, as bprm->buf */
    free(h);

    vm = load(argv[1], argv[2]);
    ubpf_set_jit_code_size(vm, 1 << 20);
    char* err = NULL;
    jitted = ubpf_compile(vm, &err);
    if (!jitted) {
        fprintf(stderr, "ubpf-bench: JIT: %s\n", err);
        return 1;
    }
    if (dump)
        dump_jit(dump);
    report("ubpf-interp", run_interp, batches, batch_ms);
    report("ubpf-jit", run_jit, batches, batch_ms);
    return 0;
}
