package dev.tollgate.gateway.budget;

import java.time.Instant;
import java.time.ZoneId;

/**
 * The table key of one budget counter item: {@code SPEND#<scope>#<id>} and
 * {@code <window>#<window start>}. A reservation remembers the keys it moved, so its settlement
 * lands in the same window items even if a window rolled over in between.
 *
 * @param pk partition key
 * @param sk sort key
 */
public record CounterKey(String pk, String sk) {

    /** The counter of {@code limit}'s window containing {@code now}. */
    public static CounterKey of(BudgetLimit limit, Instant now, ZoneId zone) {
        return new CounterKey(
                "SPEND#" + limit.scope().prefix() + "#" + limit.id(),
                limit.window().counterSortKey(now, zone));
    }
}
