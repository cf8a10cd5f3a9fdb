# why: the compiler sign-extends a 32-bit value with '<<= 32; s>>= 32'; the kernel keeps its 32-bit signed range through the pair (a 64-bit shift left by exactly 32 carries s32 bounds), so the result indexes a 64-byte value
# map: table array 4 64 1
mov %r6, %r1
mov %r1, 0
stxw [%r10-4], %r1
ldmap %r1, table
mov %r2, %r10
add %r2, -4
call 1
jeq %r0, 0, out
ldxb %r2, [%r6+0]
lsh32 %r2, 24
arsh32 %r2, 26
lsh %r2, 32
arsh %r2, 32
add %r2, 32
add %r0, %r2
ldxb %r0, [%r0+0]
exit
out:
mov %r0, 0
exit
