# why: chooses an interpreter by e_machine among several, like the qemu matcher
ldxw %r2, [%r1+0]
jne %r2, 0x464c457f, nomatch
ldxh %r2, [%r1+18]
mov %r3, 0
stxdw [%r10-16], %r3
stxdw [%r10-8], %r3
jeq %r2, 183, arm64
jeq %r2, 243, riscv
jeq %r2, 40, arm
ja nomatch
arm64:
mov %r3, 0x34366863
stxw [%r10-16], %r3
ja set
riscv:
mov %r3, 0x76637369
stxw [%r10-16], %r3
ja set
arm:
mov %r3, 0x6d7261
stxw [%r10-16], %r3
set:
mov %r1, %r10
add %r1, -16
mov %r2, 16
call 212
mov %r0, 1
exit
nomatch:
mov %r0, 0
exit
