# why: w0 holds a negative s16 (0xffff8000 to 0xffffffff), so its low 16 bits all sign-extend
# why: to negatives: the kernel's coerce_subreg_to_size_sx maps the range onto [-32768, -1]
# why: and rebuilds the tnum from it, whose known top bits decide the JSET; the division by
# why: zero behind it is never reached (the fuzzer's seed 137393)
ldxsh %r0, [%r1+0xc0]
mov %r3, 0x7fffffff
jge %r0, %r3, negative
exit
negative:
movsx1632 %r5, %r0
jset32 %r5, 0x5b2324fd, out
div %r2, 0
out:
mov %r0, 0
exit
