# why: the kernel decides JSET only against a constant (is_branch_taken): r2 & r2 is never 0
# why: here (bit 0 is known set), but both sides are walked, so the uninitialised read is reached
# expect: R5 !read_ok
ldxw %r2, [%r1+0]
or %r2, 1
jset %r2, %r2, done
mov %r0, %r5
done:
mov %r0, 0
exit
