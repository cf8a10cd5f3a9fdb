# why: masking an address is not pointer arithmetic
# expect: R1 bitwise operator &= on pointer prohibited
and %r1, 0xff
mov %r0, 0
exit
