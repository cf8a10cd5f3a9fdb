# why: the callee reads r2, which the caller never set
# expect: R2 !read_ok
mov %r1, 1
call local f
exit
f:
mov %r0, %r2
exit
