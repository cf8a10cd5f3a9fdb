# why: a loop that rereads the same header byte and waits for it to change
# expect: infinite loop detected at insn
wait:
ldxb %r2, [%r1+0]
jeq %r2, 1, done
ja wait
done:
mov %r0, 1
exit
