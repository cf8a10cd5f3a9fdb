# why: 32-bit arithmetic would cut the address in half
# expect: R1 32-bit pointer arithmetic prohibited
add32 %r1, 1
mov %r0, 0
exit
