package dev.tollgate.gateway.budget;

/**
 * Who a budget belongs to. Each scope names its counters {@code SPEND#<prefix>#<id>} in the table
 * (docs/architecture.md §3).
 */
public enum Scope {
    /** A virtual key; the id is the key's SHA-256, never the key. */
    KEY("KEY", "key"),
    /** An internal user. */
    USER("USER", "user"),
    /** A team. */
    TEAM("TEAM", "team"),
    /** A user's budget inside one team ({@code max_budget_in_team}); id {@code <team id>/<user id>}. */
    TEAM_MEMBER("TEAMMEMBER", "team member"),
    /** An end user (the request's {@code user} field or {@code x-tollgate-end-user}). */
    END_USER("ENDUSER", "end user"),
    /** A tag carried by the request. */
    TAG("TAG", "tag"),
    /** The whole gateway; id conventionally {@code global}. */
    GLOBAL("GLOBAL", "global"),
    /** A key's spend on one model ({@code model_max_budget}); id {@code <key id>/<model>}. */
    KEY_MODEL("KEYMODEL", "key model"),
    /** A team's spend on one model ({@code model_max_budget}); id {@code <team id>/<model>}. */
    TEAM_MODEL("TEAMMODEL", "team model"),
    /**
     * One agent session's calls ({@code max_budget_per_session}, {@code max_requests_per_session}); id
     * {@code key:<key id>/<session>} or {@code team:<team id>/<session>}. Its counter expires ({@code ttl}).
     */
    SESSION("SESSION", "session");

    private final String prefix;
    private final String label;

    Scope(String prefix, String label) {
        this.prefix = prefix;
        this.label = label;
    }

    /** The segment used in counter partition keys: {@code SPEND#<prefix>#<id>}. */
    public String prefix() {
        return prefix;
    }

    /** Lower-case words for messages, e.g. {@code team member}. */
    public String label() {
        return label;
    }
}
