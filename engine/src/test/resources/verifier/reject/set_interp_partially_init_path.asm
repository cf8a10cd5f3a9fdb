# why: a path of up to 32 bytes of which only the first 16 were written
# expect: invalid indirect read from stack R1 off -32+16 size 32
ldxb %r2, [%r1+0]
and %r2, 31
add %r2, 1
mov %r3, 0
stxdw [%r10-32], %r3
stxdw [%r10-24], %r3
mov %r1, %r10
add %r1, -32
call 212
mov %r0, 1
exit
