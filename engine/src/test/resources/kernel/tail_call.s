# Tail call through slot INDEX of the prog array; an empty slot falls through to r0 = 3.
r2 = PROGS ll
r3 = INDEX
call 12
r0 = 3
exit
