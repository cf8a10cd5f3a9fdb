# why: subtracting an address from a number
# expect: R2 tried to subtract pointer from scalar
mov %r2, 5
sub %r2, %r1
mov %r0, 0
exit
