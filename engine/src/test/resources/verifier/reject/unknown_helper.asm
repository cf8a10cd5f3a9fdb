# why: helper 999 does not exist
# expect: invalid func unknown#999
call 999
mov %r0, 0
exit
