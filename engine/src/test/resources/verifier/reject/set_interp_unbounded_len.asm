# why: a length the verifier cannot bound
# expect: R2 unbounded memory access, use 'var &= const' or 'if (var < const)'
ldxw %r2, [%r1+0]
add %r2, 1
mov %r3, 0
stxdw [%r10-8], %r3
mov %r1, %r10
add %r1, -8
call 212
mov %r0, 1
exit
