package dev.tollgate.analytics.rollup;

import java.time.LocalDate;

/**
 * The dimensions of one {@code rollup_daily} row; absent values are {@code ""}. {@code tag} is
 * {@link #ALL_TAGS} for the row that counts every call once, else one of the call's tags ({@code ""}
 * for an untagged call). {@code tagSet} is the call's tags as a sorted JSON array ({@code []} for none).
 * {@code client} is the tool that made the call ({@code claude-code}, {@code codex}, …; {@code ""} when unknown).
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
        String tagSet,
        String client) {

    /** The tag value of the rows that hold each call exactly once. */
    public static final String ALL_TAGS = "*";
}
