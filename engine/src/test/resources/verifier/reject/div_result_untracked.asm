# why: the kernel (6.18) computes no bounds for a division, not even of two constants
# why: (is_safe_to_compute_dst_reg_range), so it walks the path where 6 / 3 != 2; so do we
# expect: R5 !read_ok
mov %r0, 6
div %r0, 3
jeq %r0, 2, done
mov %r0, %r5
done:
exit
