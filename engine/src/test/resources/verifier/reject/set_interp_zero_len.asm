# why: a length that may be zero is refused for ARG_CONST_SIZE
# expect: R2 invalid zero-sized read
ldxb %r2, [%r1+0]
and %r2, 7
mov %r3, 0
stxdw [%r10-8], %r3
mov %r1, %r10
add %r1, -8
call 212
mov %r0, 1
exit
