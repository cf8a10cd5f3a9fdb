# why: a bounded loop of two million iterations exceeds the kernel's budget
# expect: BPF program is too large. Processed 1000001 insn
mov %r0, 0
loop:
add %r0, 1
jlt %r0, 2000000, loop
exit
