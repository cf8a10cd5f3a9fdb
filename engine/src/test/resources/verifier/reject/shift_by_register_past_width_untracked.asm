# why: a shift by a register holding a count at or past the width has no bounds in the kernel
# why: (is_safe_to_compute_dst_reg_range), though the engines mask the count: 3 << (40 & 31) = 768
# expect: R5 !read_ok
mov %r0, 3
mov %r1, 40
lsh32 %r0, %r1
jeq %r0, 768, done
mov %r0, %r5
done:
exit
