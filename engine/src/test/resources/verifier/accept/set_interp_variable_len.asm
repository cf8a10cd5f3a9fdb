# why: a length in [1, 16] read from the header, for a 16-byte path
ldxb %r2, [%r1+0]
and %r2, 15
add %r2, 1
mov %r3, 0
stxdw [%r10-16], %r3
stxdw [%r10-8], %r3
mov %r1, %r10
add %r1, -16
call 212
mov %r0, 1
exit
