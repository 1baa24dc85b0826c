package dev.tollgate.gateway.alerts;

import dev.tollgate.gateway.budget.BudgetLimit;
import dev.tollgate.gateway.budget.BudgetWindow;
import dev.tollgate.gateway.budget.CounterState;
import dev.tollgate.gateway.budget.Scope;
import dev.tollgate.gateway.budget.Shortfall;
import dev.tollgate.gateway.identity.KeyRecord;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which alerts a counter's spend calls for: pure decisions, no I/O. An alert is due whenever the spend
 * is at or past its line ({@code spend >= line} and {@code spend > 0}), not only on the call that
 * crossed it: concurrent calls each see a partial picture, so "crossed by me" would miss crossings.
 * Firing once is the marker's job ({@link AlertStore#claim}).
 */
final class AlertRules {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private AlertRules() {}

    /**
     * For each counter: every threshold of its hard limit its settled spend ({@code actual}) has reached
     * (100 = {@link AlertType#HARD_BUDGET_REACHED}), and its soft budget if reached. Uncapped counters
     * only carry soft budgets.
     */
    static List<AlertEvent> due(
            List<CounterState> counters, AlertSubject subject, List<Integer> thresholds, ZoneId zone, Instant now) {
        List<AlertEvent> due = new ArrayList<>();
        for (CounterState counter : counters) {
            BudgetLimit limit = counter.limit();
            BigDecimal spend = counter.actual();
            if (spend == null || spend.signum() <= 0) {
                continue;
            }
            String windowKey = windowKey(limit.window(), counter.resetAt(), zone, now);
            if (limit.capped()) {
                for (int threshold : thresholds) {
                    BigDecimal line = limit.limit()
                            .multiply(BigDecimal.valueOf(threshold))
                            .divide(HUNDRED);
                    if (spend.compareTo(line) >= 0) {
                        AlertType type = threshold == 100 ? AlertType.HARD_BUDGET_REACHED : AlertType.THRESHOLD_CROSSED;
                        due.add(event(
                                type,
                                limit,
                                subject,
                                windowKey,
                                spend,
                                limit.limit(),
                                threshold,
                                counter.resetAt(),
                                now));
                    }
                }
            }
            for (SoftBudget soft : subject.softBudgets()) {
                if (soft.appliesTo(limit) && spend.compareTo(soft.amount()) >= 0) {
                    due.add(event(
                            AlertType.SOFT_BUDGET_CROSSED,
                            limit,
                            subject,
                            windowKey,
                            spend,
                            soft.amount(),
                            null,
                            counter.resetAt(),
                            now));
                }
            }
        }
        return due;
    }

    /**
     * A call refused because {@code shortfall}'s budget lacked room: the hard budget is reached (calls
     * are being refused), with the committed spend (settled plus in-flight) as the spend. The same alert
     * as the 100% threshold, so whichever comes first fires. None when the call alone cost more than the
     * whole budget (that says nothing about the spend).
     */
    static Optional<AlertEvent> refused(Shortfall shortfall, AlertSubject subject, ZoneId zone, Instant now) {
        if (shortfall.committed() == null) {
            return Optional.empty();
        }
        BudgetLimit limit = shortfall.limit();
        String windowKey = windowKey(limit.window(), shortfall.resetAt(), zone, now);
        return Optional.of(event(
                AlertType.HARD_BUDGET_REACHED,
                limit,
                subject,
                windowKey,
                shortfall.committed(),
                limit.limit(),
                100,
                shortfall.resetAt(),
                now));
    }

    /** A key-expiry alert when {@code key} expires after {@code now} but within {@code warning}; none for blocked keys. */
    static Optional<AlertEvent> expiring(KeyRecord key, Instant now, Duration warning) {
        Instant expires = key.expires();
        if (expires == null || key.blocked() || !expires.isAfter(now) || expires.isAfter(now.plus(warning))) {
            return Optional.empty();
        }
        String name = key.keyAlias() != null ? key.keyAlias() : key.keyPrefix();
        return Optional.of(new AlertEvent(
                AlertType.KEY_EXPIRING,
                Scope.KEY,
                key.keyId(),
                name,
                key.teamId(),
                key.userId(),
                null,
                "expires#" + expires,
                null,
                null,
                null,
                expires,
                now,
                null));
    }

    /**
     * The counter sort key of the window that ends at {@code resetAt} (so a call settled just after a
     * roll-over is matched with the window it was admitted in), {@code lifetime#-} for lifetime.
     */
    static String windowKey(BudgetWindow window, Instant resetAt, ZoneId zone, Instant now) {
        if (window == BudgetWindow.LIFETIME) {
            return window.counterSortKey(now, zone);
        }
        return window.counterSortKey(resetAt == null ? now : resetAt.minusNanos(1), zone);
    }

    private static AlertEvent event(
            AlertType type,
            BudgetLimit limit,
            AlertSubject subject,
            String windowKey,
            BigDecimal spend,
            BigDecimal against,
            Integer threshold,
            Instant resetAt,
            Instant now) {
        AlertSubject.Owner owner = subject.ownerOf(limit.scope(), limit.id());
        return new AlertEvent(
                type,
                limit.scope(),
                limit.id(),
                owner.name(),
                owner.teamId(),
                owner.userId(),
                limit.window(),
                windowKey,
                spend,
                against,
                threshold,
                resetAt,
                now,
                null);
    }
}
