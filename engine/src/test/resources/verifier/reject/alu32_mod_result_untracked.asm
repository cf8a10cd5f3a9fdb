# why: a 32-bit modulo leaves the whole register unknown in the kernel (6.18): it skips the
# why: zero extension along with the bounds (adjust_scalar_min_max_vals), so r0 >> 32 may be non-zero
# expect: R5 !read_ok
mov32 %r0, 7
mod32 %r0, 4
rsh %r0, 32
jeq %r0, 0, done
mov %r0, %r5
done:
exit
