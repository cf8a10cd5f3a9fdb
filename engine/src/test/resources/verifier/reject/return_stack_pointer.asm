# why: returning the frame pointer leaks it
# expect: R0 leaks addr as return value
mov %r0, %r10
exit
