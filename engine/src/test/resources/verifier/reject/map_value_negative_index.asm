# why: an index that may be negative
# expect: R0 min value is negative, either use unsigned index or do a if (index >=0) check.
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
sub %r2, 10
add %r0, %r2
ldxb %r0, [%r0+0]
exit
out:
mov %r0, 0
exit
