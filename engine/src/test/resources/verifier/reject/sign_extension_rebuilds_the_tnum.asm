# why: r2 & 0x12 has bit 0 known clear, but a sign extension rebuilds the tnum from the range
# why: [0, 18] alone (coerce_reg_to_size_sx does so even when the value already fits), so the
# why: kernel cannot rule out bit 0 and walks into the division by zero
# expect: div by zero
# expect-insn: 6
ldxb %r2, [%r1+0]
and %r2, 0x12
movsx864 %r2, %r2
jset %r2, 1, odd
mov %r0, 0
exit
odd:
div %r2, 0
exit
