# why: the value is 8 bytes; reading bytes 8..15 is past it
# expect: invalid access to map value, value_size=8 off=8 size=8
# map: counts hash 4 8 16
mov %r1, 0
stxw [%r10-4], %r1
ldmap %r1, counts
mov %r2, %r10
add %r2, -4
call 1
jeq %r0, 0, out
ldxdw %r0, [%r0+8]
exit
out:
mov %r0, 0
exit
