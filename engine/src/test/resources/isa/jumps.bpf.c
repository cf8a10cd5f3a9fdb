// SPDX-License-Identifier: MIT
// Conditional jumps of both widths and sources, local calls, helper calls, a loop.
typedef unsigned long long u64;
typedef long long s64;
typedef unsigned int u32;
typedef int s32;

#define SEC(name) __attribute__((section(name), used))

static long (*bpf_trace_printk)(const char *fmt, u32 fmt_size, ...) = (void *)6;
static u64 (*bpf_ktime_get_ns)(void) = (void *)5;

static __attribute__((noinline)) u64 mix(u64 a, u64 b)
{
    return a * 31 + b;
}

SEC("tc") long branches(u64 *ctx)
{
    u64 a = ctx[0], b = ctx[1];
    s64 s = (s64)ctx[2];
    u32 w = (u32)ctx[3];
    s32 sw = (s32)ctx[4];
    long r = 0;
    if (a == 1) r += 1;
    if (a != b) r += 2;
    if (a > 77) r += 3;
    if (a >= b) r += 4;
    if (a < 99) r += 5;
    if (a <= b) r += 6;
    if (s > -3) r += 7;
    if (s >= (s64)b) r += 8;
    if (s < 12) r += 9;
    if (s <= (s64)a) r += 10;
    if (a & 0x40) r += 11;
    if (w == 17) r += 12;
    if (w > (u32)b) r += 13;
    if (sw < -9) r += 14;
    if (sw <= (s32)a) r += 15;
    if (w & 4) r += 16;
    for (int i = 0; i < (int)(a & 7); i++)
        r = (long)mix((u64)r, (u64)i);
    r += (long)bpf_ktime_get_ns();
    return r;
}
