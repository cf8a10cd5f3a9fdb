# why: trace_printk's value arguments are not checked (ARG_DONTCARE), so %s may print stack nothing wrote: accepted, but no longer a program whose runs cannot see earlier runs' stack
stw [%r10-16], 0x7325
mov %r1, %r10
add %r1, -16
mov %r2, 3
mov %r3, %r10
add %r3, -8
call 6
mov %r0, 0
exit
