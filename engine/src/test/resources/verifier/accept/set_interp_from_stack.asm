# why: writes /usr/bin/qemu-aarch64 (23 bytes) on the stack and passes it to helper 212
lddw %r2, 0x69622f7273752f
stxdw [%r10-24], %r2
lddw %r2, 0x61612d756d65712f
stxdw [%r10-16], %r2
lddw %r2, 0x34366863726
stxdw [%r10-8], %r2
mov %r1, %r10
add %r1, -24
mov %r2, 23
call 212
mov %r0, 1
exit
