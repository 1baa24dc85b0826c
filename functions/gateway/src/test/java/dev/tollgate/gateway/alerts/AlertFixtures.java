package dev.tollgate.gateway.alerts;

import dev.tollgate.gateway.budget.BudgetLimit;
import dev.tollgate.gateway.budget.BudgetWindow;
import dev.tollgate.gateway.budget.CounterState;
import dev.tollgate.gateway.budget.Scope;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Shared test data: a team with a $100 monthly budget in March 2026, and helpers. */
final class AlertFixtures {
    static final ZoneId UTC = ZoneOffset.UTC;
    static final Instant NOW = Instant.parse("2026-03-20T10:00:00Z");
    static final Instant APRIL = Instant.parse("2026-04-01T00:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, UTC);
    static final BudgetLimit TEAM_MONTH = new BudgetLimit(Scope.TEAM, "ml", BudgetWindow.MONTH, new BigDecimal("100"));
    static final AlertSubject SUBJECT = new AlertSubject("k1", "prod-bot", "alice", "ml", List.of());

    private AlertFixtures() {}

    /** The counter of {@code limit} with {@code actual} settled (committed equal), resetting at {@code resetAt}. */
    static CounterState counter(BudgetLimit limit, String actual, Instant resetAt) {
        return new CounterState(limit, new BigDecimal(actual), new BigDecimal(actual), 1, resetAt);
    }

    /** The team's March counter at {@code actual}. */
    static CounterState teamMarch(String actual) {
        return counter(TEAM_MONTH, actual, APRIL);
    }

    /** A publisher that keeps what it is given. */
    static final class Recording implements AlertPublisher {
        final List<AlertEvent> events = new CopyOnWriteArrayList<>();

        @Override
        public void publish(AlertEvent event) {
            events.add(event);
        }
    }
}
