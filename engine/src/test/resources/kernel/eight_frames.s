# Main and 7 nested calls: the 8 frames a program may have. The innermost stores 42 in the
# results map and returns it through every frame.
call local f1
exit
f1:
call local f2
exit
f2:
call local f3
exit
f3:
call local f4
exit
f4:
call local f5
exit
f5:
call local f6
exit
f6:
call local f7
exit
f7:
lddw %r9, RESULTS
mov %r0, 42
stxdw [%r9], %r0
exit
