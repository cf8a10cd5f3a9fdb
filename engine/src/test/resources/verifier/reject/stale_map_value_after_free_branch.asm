# why: the null side of the check uses the pointer
# expect: R0 invalid mem access 'scalar'
# map: counts hash 4 8 16
mov %r1, 0
stxw [%r10-4], %r1
ldmap %r1, counts
mov %r2, %r10
add %r2, -4
call 1
jne %r0, 0, ok
ldxdw %r0, [%r0+0]
exit
ok:
mov %r0, 0
exit
