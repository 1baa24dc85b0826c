package dev.tollgate.gateway.ratelimit;

/**
 * Who a rate limit belongs to. Each scope names its counters {@code RATE#<prefix>#<id>} in the table
 * (docs/architecture.md §3).
 */
public enum RateScope {
    /** A virtual key; the id is the key's stable {@code keyId}, so regeneration keeps its counters. */
    KEY("KEY", "key"),
    /** An internal user: the limit is shared by all the user's keys. */
    USER("USER", "user"),
    /** A team: the limit is shared by all the team's keys. */
    TEAM("TEAM", "team");

    private final String prefix;
    private final String label;

    RateScope(String prefix, String label) {
        this.prefix = prefix;
        this.label = label;
    }

    /** The segment used in partition keys: {@code RATE#<prefix>#<id>}. */
    public String prefix() {
        return prefix;
    }

    /** A lower-case word for messages. */
    public String label() {
        return label;
    }
}
