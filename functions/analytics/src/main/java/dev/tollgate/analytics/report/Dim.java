package dev.tollgate.analytics.report;

/** A dimension of {@code rollup_daily} a report can group or filter by; the column is fixed here (no SQL from input). */
public enum Dim {
    DAY("day"),
    KEY("key_hash"),
    USER("user_id"),
    TEAM("team_id"),
    END_USER("end_user"),
    REQUESTED_MODEL("requested_model"),
    MODEL("model"),
    PROVIDER("provider"),
    TAG("tag"),
    TAG_SET("tag_set"),
    CLIENT("client");

    private final String column;

    Dim(String column) {
        this.column = column;
    }

    public String column() {
        return column;
    }
}
