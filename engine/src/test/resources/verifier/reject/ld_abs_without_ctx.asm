# why: legacy packet loads need the context in r6
# expect: at the time of BPF_LD_ABS|IND R6 != pointer to skb
mov %r6, 0
ldabsb 0
exit
