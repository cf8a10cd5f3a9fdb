package org.binfmtbpf.cli;

import org.binfmtbpf.maps.BpfMap;

/** A map with the id bpftool would show for it (see {@link Workspace#maps()}). */
public record NumberedMap(int id, BpfMap map) {}
