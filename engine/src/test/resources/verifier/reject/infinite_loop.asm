# why: a jump to itself
# expect: infinite loop detected at insn 1
mov %r0, 0
self:
ja self
