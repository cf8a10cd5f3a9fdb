package org.binfmtbpf.binfmt;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An immutable snapshot of an instance: its status bit and its entries, newest first (the
 * kernel adds at the head of the list and searches from there). Every write produces a new
 * table; a resolution reads one table from start to end, so an entry removed meanwhile stays
 * valid until that resolution is done, like the kernel's reference count on the node.
 */
public record Table(boolean enabled, List<Registered> entries) {
    public static final Table EMPTY = new Table(true, List.of());

    public Table {
        entries = List.copyOf(entries);
    }

    public Optional<Registered> find(String name) {
        for (Registered r : entries) {
            if (r.entry().name().equals(name)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** This table with {@code entry} added as the newest. */
    Table with(Entry entry) {
        List<Registered> next = new ArrayList<>(entries.size() + 1);
        next.add(new Registered(entry, true));
        next.addAll(entries);
        return new Table(enabled, next);
    }

    Table without(String name) {
        return new Table(enabled, entries.stream().filter(r -> !r.entry().name().equals(name)).toList());
    }

    Table withEntryEnabled(String name, boolean on) {
        return new Table(enabled, entries.stream()
                .map(r -> r.entry().name().equals(name) ? new Registered(r.entry(), on) : r).toList());
    }

    Table withEnabled(boolean on) {
        return new Table(on, entries);
    }

    Table cleared() {
        return new Table(enabled, List.of());
    }
}
