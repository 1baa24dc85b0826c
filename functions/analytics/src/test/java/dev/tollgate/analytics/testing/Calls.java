package dev.tollgate.analytics.testing;

import dev.tollgate.gateway.spendlog.SpendLogRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Spend-log records for the analytics tests. */
public final class Calls {
    private Calls() {}

    /** A successful call of team {@code team}, user {@code user}, costing {@code cost}. */
    public static SpendLogRecord call(String id, Instant start, String team, String user, String cost, String... tags) {
        return SpendLogRecord.builder()
                .requestId(id)
                .callType(SpendLogRecord.CHAT_COMPLETION)
                .startTime(start)
                .endTime(start.plusMillis(400))
                .requestedModel("gpt-4o-mini")
                .model("gpt-4o-mini")
                .provider("openai")
                .keyHash("key-" + user)
                .keyAlias("alias-" + user)
                .userId(user)
                .teamId(team)
                .tags(List.of(tags))
                .tokens(100, 20, 0, 0, 0)
                .cost(new BigDecimal(cost))
                .status(200)
                .build();
    }

    /** The same call, failed with {@code status} after {@code durationMs}. */
    public static SpendLogRecord failed(SpendLogRecord call, int status, long durationMs) {
        return call.toBuilder()
                .status(status)
                .errorType("upstream_error")
                .endTime(call.startTime().plusMillis(durationMs))
                .durationMs(durationMs)
                .cost(BigDecimal.ZERO)
                .upstreamCalled(true)
                .build();
    }
}
