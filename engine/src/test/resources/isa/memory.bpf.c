// SPDX-License-Identifier: MIT
// Loads (zero- and sign-extending), stores of registers and immediates, 64-bit immediates,
// stack traffic and atomics of both widths.
typedef unsigned long long u64;
typedef unsigned int u32;
typedef unsigned short u16;
typedef unsigned char u8;

#define SEC(name) __attribute__((section(name), used))

struct record { u8 b; signed char sb; u16 h; short sh; u32 w; int sw; u64 dw; };

SEC("tc") long loads_and_stores(struct record *r)
{
    long sum = r->b + r->sb + r->h + r->sh + r->w + r->sw + (long)r->dw;
    r->b = 1;
    r->h = 0x1234;
    r->w = 0xdeadbeef;
    r->dw = 0x1122334455667788ULL;
    r->sb = (signed char)sum;
    r->sh = (short)sum;
    r->sw = (int)sum;
    volatile u64 spill[4];
    spill[0] = sum;
    spill[3] = (u64)r;
    return sum + spill[0] + spill[3] + 0x7fffffffffffffffLL;
}

SEC("tc") long atomics(u64 *p, u32 *q)
{
    long old = 0;
    __sync_fetch_and_add(p, 5);
    __sync_fetch_and_or(p, 6);
    __sync_fetch_and_and(p, 7);
    __sync_fetch_and_xor(p, 8);
    old += __sync_fetch_and_add(p + 1, 9);
    old += __sync_fetch_and_or(p + 1, 10);
    old += __sync_fetch_and_and(p + 1, 11);
    old += __sync_fetch_and_xor(p + 1, 12);
    old += __sync_lock_test_and_set(p + 2, 13);
    old += __sync_val_compare_and_swap(p + 3, 14, 15);
    __sync_fetch_and_add(q, 5);
    __sync_fetch_and_or(q, 6);
    old += __sync_fetch_and_and(q + 1, 11);
    old += __sync_fetch_and_xor(q + 1, 12);
    old += __sync_lock_test_and_set(q + 2, 13);
    old += __sync_val_compare_and_swap(q + 3, 14, 15);
    return old;
}
