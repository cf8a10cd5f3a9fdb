# why: cpu v4 sign-extending loads and moves
ldxsb %r2, [%r1+0]
movsx864 %r3, %r2
arsh %r3, 1
ldxsh %r4, [%r1+2]
add %r3, %r4
mov %r0, %r3
exit
