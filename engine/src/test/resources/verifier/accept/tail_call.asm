# why: a tail call through a prog array that falls through when the slot is empty
# map: progs prog_array 4 4 4
ldmap %r2, progs
mov %r3, 0
call 12
mov %r0, 0
exit
