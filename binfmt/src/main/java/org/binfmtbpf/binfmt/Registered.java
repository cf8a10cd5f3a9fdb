package org.binfmtbpf.binfmt;

/** An entry in an instance's list with its enabled bit (the only part of an entry that changes). */
public record Registered(Entry entry, boolean enabled) {}
