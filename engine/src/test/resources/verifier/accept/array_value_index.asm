# why: indexes a 64-byte array value with a masked header byte
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
and %r2, 63
add %r0, %r2
ldxb %r0, [%r0+0]
exit
out:
mov %r0, 0
exit
