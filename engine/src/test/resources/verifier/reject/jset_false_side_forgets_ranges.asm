# why: w3 is in s32 [-1, max]. On the side where r3 & 2 == 0 the kernel (6.17 on) forgets every
# why: range of r3 and derives them again from the narrowed tnum (regs_refine_cond_op): s32
# why: [min, max - 2]. w3 == 0x80000001 is then open, and both refuse the read of r6 behind it
# why: (before, the kept lower bound -1 ruled it out)
# expect: R6 !read_ok
# expect-insn: 6
ldxw %r3, [%r1+0]
jslt32 %r3, -1, out
jset %r3, 2, out
jeq32 %r3, -2147483647, dead
out:
mov %r0, 0
exit
dead:
mov %r0, %r6
exit
