package org.binfmtbpf.helpers;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The helpers a program may call, by id. Immutable once built; programs resolve their
 * helper calls against one registry at load time, so an unknown id is refused before any
 * run. Lookups by id are array reads.
 */
public final class HelperRegistry {
    private final Helper[] byId;
    private final Map<Integer, Helper> all;

    private HelperRegistry(Map<Integer, Helper> helpers) {
        this.all = Collections.unmodifiableMap(new TreeMap<>(helpers));
        int max = helpers.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1);
        this.byId = new Helper[max + 1];
        helpers.forEach((id, h) -> byId[id] = h);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The helper with this id, or null. */
    public Helper get(int id) {
        return id >= 0 && id < byId.length ? byId[id] : null;
    }

    public Collection<Helper> all() {
        return all.values();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        all.values().forEach(b::add);
        return b;
    }

    public static final class Builder {
        private final Map<Integer, Helper> helpers = new TreeMap<>();

        public Builder add(Helper helper) {
            if (helper.id() < 0 || helper.id() > 0xffff) {
                throw new IllegalArgumentException("helper id out of range: " + helper.id());
            }
            helpers.put(helper.id(), helper);
            return this;
        }

        public HelperRegistry build() {
            return new HelperRegistry(helpers);
        }
    }
}
