# why: a counter that only grows: the loop never ends
# expect: BPF program is too large. Processed 1000001 insn
mov %r0, 0
loop:
add %r0, 1
ja loop
