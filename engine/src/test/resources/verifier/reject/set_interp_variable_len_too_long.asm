# why: a length up to 256 from a 16-byte path buffer
# expect: invalid read from stack R1 off=-16 size=256
ldxb %r2, [%r1+0]
add %r2, 1
mov %r3, 0
stxdw [%r10-16], %r3
stxdw [%r10-8], %r3
mov %r1, %r10
add %r1, -16
call 212
mov %r0, 1
exit
