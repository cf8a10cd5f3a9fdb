# why: adding two addresses
# expect: R1 pointer += pointer prohibited
add %r1, %r10
mov %r0, 0
exit
