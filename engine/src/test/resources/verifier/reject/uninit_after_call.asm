# why: r1-r5 are scratched by a helper call
# expect: R1 !read_ok
mov %r6, %r1
call 7
mov %r0, %r1
exit
