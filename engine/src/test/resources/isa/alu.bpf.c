// SPDX-License-Identifier: MIT
// Arithmetic in both widths, immediate and register sources, cpu v4 sdiv/smod/movsx/bswap.
typedef unsigned long long u64;
typedef long long s64;
typedef unsigned int u32;
typedef int s32;

#define SEC(name) __attribute__((section(name), used))

SEC("tc") u64 alu64(u64 *ctx)
{
    u64 a = ctx[0], b = ctx[1];
    s64 s = (s64)ctx[2], t = (s64)ctx[3];
    u64 r = a + b;
    r ^= a - 7;
    r |= a * b;
    r &= a / b;
    r += a % b;
    r -= b << 3;
    r += a >> (b & 63);
    r += (u64)(s >> 5);
    r += (u64)(s >> (b & 63));
    r += (u64)(s / t) + (u64)(s % t) + (u64)(s / 3) + (u64)(s % -5);
    r += a * 0x1234567;
    r += (u64)(-s);
    r += (u64)(signed char)a + (u64)(short)b + (u64)(s32)a;
    r += __builtin_bswap64(r) + __builtin_bswap32((u32)a) + __builtin_bswap16((unsigned short)b);
    r += a << b;
    r -= a & 0xff00;
    return r;
}

SEC("tc") u32 alu32(u32 *ctx)
{
    u32 a = ctx[0], b = ctx[1];
    s32 s = (s32)ctx[2], t = (s32)ctx[3];
    u32 r = a + b;
    r ^= a - 7;
    r |= a * b;
    r &= a / b;
    r += a % b;
    r -= b << 3;
    r += a >> (b & 31);
    r += (u32)(s >> 5);
    r += (u32)(s >> (b & 31));
    r += (u32)(s / t) + (u32)(s % t) + (u32)(s / 3) + (u32)(s % -5);
    r += (u32)(-s);
    r += (u32)(signed char)a + (u32)(short)b;
    r |= 0x80000000u;
    return r;
}
