# why: matches \x7fELF with one 32-bit header read, as clang emits it
ldxw %r2, [%r1+0]
mov %r0, 0
jne %r2, 0x464c457f, out
mov %r0, 1
out:
exit
