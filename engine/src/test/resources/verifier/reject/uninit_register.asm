# why: r3 was never written
# expect: R3 !read_ok
mov %r0, %r3
exit
