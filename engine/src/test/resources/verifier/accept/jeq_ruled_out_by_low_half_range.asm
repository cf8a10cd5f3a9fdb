# why: r1 is in [-128, 127] and, after 'w1 s> 0' fails, its low half in [-128, 0]: the 64-bit
# why: ranges leave r1 == 50 open, the 32-bit ones do not. The kernel's is_scalar_branch_taken
# why: consults the low half's ranges for a 64-bit JEQ/JNE when the 64-bit ones are
# why: inconclusive, so the read of the uninitialised r5 is never reached
ldxb %r1, [%r1+0]
lsh %r1, 56
arsh %r1, 56
jsgt32 %r1, 0, out
jeq %r1, 50, dead
out:
mov %r0, 0
exit
dead:
mov %r0, %r5
exit
