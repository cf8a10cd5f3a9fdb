# why: a map handle is not memory
# expect: R1 invalid mem access 'map_ptr'
# map: counts hash 4 8 16
ldmap %r1, counts
ldxdw %r0, [%r1+0]
exit
