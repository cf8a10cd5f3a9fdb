# why: the kernel knows the bytes of a spilled scalar only from the start of the slot (or when
# why: it is zero): here r2 = 1 at run time, but for the kernel, and so for us, it is any u32
# expect: R5 !read_ok
mov %r1, 1
lsh %r1, 32
stxdw [%r10-8], %r1
ldxw %r2, [%r10-4]
jeq %r2, 1, done
mov %r0, %r5
done:
mov %r0, 0
exit
