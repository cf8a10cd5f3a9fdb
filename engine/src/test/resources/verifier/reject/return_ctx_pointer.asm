# why: returning an address leaks it
# expect: R0 leaks addr as return value
mov %r0, %r1
exit
