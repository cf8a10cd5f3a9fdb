# The program tail-calls itself from a BPF-to-BPF callee: each tail call replaces the callee
# with the whole program, which calls the callee again. Every run of the callee adds 1 to the
# results map's first u64; after 33 tail calls the next falls through and returns the count.
call local f
exit
f:
lddw %r9, RESULTS
ldxdw %r2, [%r9]
add %r2, 1
stxdw [%r9], %r2
lddw %r2, PROGS
mov %r3, 0
call 12
ldxdw %r0, [%r9]
exit
