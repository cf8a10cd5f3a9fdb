# why: modulo on a stack pointer is pointer arithmetic the kernel prohibits; the message quotes
#      the operator "%=", which once crashed message formatting (fuzz campaign, session 1)
# expect: R1 pointer arithmetic with %= operator prohibited
mov %r1, %r10
mod %r1, 3
mov %r0, 0
exit
