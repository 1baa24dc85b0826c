package dev.tollgate.analytics.rollup;

import java.time.LocalDate;

/**
 * The dimensions of one {@code rollup_daily} row; absent values are {@code ""}. {@code tag} is
 * {@link #ALL_TAGS} for the row that counts every call once, else one of the call's tags ({@code ""}
 * for an untagged call). {@code tagSet} is the call's tags as a sorted JSON array ({@code []} for none).
 */
public record DailyKey(
        LocalDate day,
        String tag,
        String keyHash,
        String userId,
        String teamId,
        String endUser,
        String requestedModel,
        String model,
        String provider,
        String tagSet) {

    /** The tag value of the rows that hold each call exactly once. */
    public static final String ALL_TAGS = "*";
}
