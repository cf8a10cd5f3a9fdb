# why: a 32-bit index into a 64-byte value
# expect: R0 unbounded memory access, make sure to bounds check any such access
# map: table array 4 64 1
mov %r6, %r1
mov %r1, 0
stxw [%r10-4], %r1
ldmap %r1, table
mov %r2, %r10
add %r2, -4
call 1
jeq %r0, 0, out
ldxw %r2, [%r6+0]
add %r0, %r2
ldxb %r0, [%r0+0]
exit
out:
mov %r0, 0
exit
