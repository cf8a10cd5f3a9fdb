# why: after a sign-extending load, r0 lies in the s32 range, so it is the sign extension of
# why: w0; once w0 is known non-negative (here 0) r0 equals it (__reg_deduce_mixed_bounds),
# why: so r10 + r0 is the frame pointer itself
ldxsw %r0, [%r1+0]
jle32 %r0, 0, zero
mov %r0, 1
exit
zero:
mov %r2, %r10
add %r2, %r0
stdw [%r2-8], 0
mov %r0, 0
exit
