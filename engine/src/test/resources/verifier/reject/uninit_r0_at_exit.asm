# why: the program returns without setting r0
# expect: R0 !read_ok
exit
