package dev.tollgate.gateway.alerts;

import dev.tollgate.gateway.budget.CounterState;
import dev.tollgate.gateway.budget.LedgerFactory;
import dev.tollgate.gateway.budget.Shortfall;
import dev.tollgate.gateway.config.AlertSettings;
import dev.tollgate.gateway.config.GatewayConfig;
import dev.tollgate.gateway.identity.KeyRecord;
import dev.tollgate.gateway.identity.Principal;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Budget and key-expiry alerts (docs/alerts.md). After each settlement it decides, from the counters'
 * new spend, which lines are reached (soft budget, configured thresholds, 100% = hard budget); each
 * alert is then claimed in the {@link AlertStore} (a conditional write: exactly one claimant across all
 * instances), recorded for {@code GET /alerts}, and published. Nothing here ever throws to the caller.
 *
 * <p>Deciding is pure computation on the calling thread. Only when an alert is due and not yet known to
 * this instance is there I/O, on a virtual thread; the returned future completes with the alerts this
 * call fired (usually none, at once). Each instance remembers the alerts it saw claimed, so past a line
 * it does not write again for the rest of the window.
 */
@Singleton
public class AlertService {
    private static final Logger LOG = LoggerFactory.getLogger(AlertService.class);
    private static final int MAX_REMEMBERED = 10_000;

    private final AlertStore store;
    private final AlertPublisher publisher;
    private final AlertSettings settings;
    private final ZoneId zone;
    private final Clock clock;
    private final Set<String> known = ConcurrentHashMap.newKeySet();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    @Inject
    public AlertService(AlertStore store, AlertPublisher publisher, GatewayConfig config, Clock clock) {
        this(store, publisher, config.settings().alertsOrDefault(), LedgerFactory.zone(config), clock);
    }

    /**
     * @param publisher must not throw (wrap a raw one in {@link RetryingAlertPublisher}); a throw is
     *                  caught and logged all the same
     * @param zone      the budget windows' time zone
     */
    public AlertService(AlertStore store, AlertPublisher publisher, AlertSettings settings, ZoneId zone, Clock clock) {
        this.store = store;
        this.publisher = publisher;
        this.settings = settings;
        this.zone = zone;
        this.clock = clock;
    }

    /** {@link #afterSettle(AlertSubject, List)} for a call made with {@code principal} (its key, user and team soft budgets). */
    public CompletableFuture<List<AlertEvent>> afterSettle(Principal principal, List<CounterState> countersAfter) {
        return afterSettle(AlertSubject.of(principal), countersAfter);
    }

    /**
     * Call after a settlement, with the counters the call moved as they stand after it (see
     * {@link SettledCounters}). Fires the alerts whose line their settled spend has reached and that
     * were not fired yet in that window. Never throws.
     */
    public CompletableFuture<List<AlertEvent>> afterSettle(AlertSubject subject, List<CounterState> countersAfter) {
        try {
            return fireAsync(
                    AlertRules.due(countersAfter, subject, settings.thresholdsOrDefault(), zone, clock.instant()));
        } catch (RuntimeException e) {
            LOG.error("alert check after settlement failed: {}", e.toString());
            return CompletableFuture.completedFuture(List.of());
        }
    }

    /**
     * Call when a call is refused with 429 {@code budget_exceeded}, with the refusing shortfall: fires
     * {@link AlertType#HARD_BUDGET_REACHED} for that budget once per window. (Near the limit, clamped
     * calls take ever smaller shares of what remains, so settled spend may never quite reach 100%;
     * the first refusal is when the budget is, for users, used up.) Never throws.
     */
    public CompletableFuture<List<AlertEvent>> afterRefusal(AlertSubject subject, Shortfall shortfall) {
        try {
            return fireAsync(AlertRules.refused(shortfall, subject, zone, clock.instant())
                    .map(List::of)
                    .orElse(List.of()));
        } catch (RuntimeException e) {
            LOG.error("alert check after refusal failed: {}", e.toString());
            return CompletableFuture.completedFuture(List.of());
        }
    }

    /** {@link #afterRefusal(AlertSubject, Shortfall)} for a call made with {@code principal}. */
    public CompletableFuture<List<AlertEvent>> afterRefusal(Principal principal, Shortfall shortfall) {
        return afterRefusal(AlertSubject.of(principal), shortfall);
    }

    /**
     * Announces, once per key and expiry time, every key that expires after {@code now} and within
     * {@code warning} (blocked keys are skipped). Synchronous, for the scheduled jobs function.
     *
     * @return the alerts fired by this run
     */
    public List<AlertEvent> checkExpiringKeys(List<KeyRecord> keys, Instant now, Duration warning) {
        List<AlertEvent> due = new ArrayList<>();
        for (KeyRecord key : keys) {
            AlertRules.expiring(key, now, warning).ifPresent(due::add);
        }
        return fire(due);
    }

    /** {@link #checkExpiringKeys(List, Instant, Duration)} now, with {@code settings.alerts.key_expiry_warning_days}. */
    public List<AlertEvent> checkExpiringKeys(List<KeyRecord> keys) {
        return checkExpiringKeys(keys, clock.instant(), Duration.ofDays(settings.keyExpiryWarning()));
    }

    /**
     * Fires {@code event} unless it was fired before (the same once-only claim as the budget alerts:
     * one per {@link AlertEvent#dedupKey()}, across every instance). Synchronous, for scheduled jobs
     * (projected overruns, month close). Never throws.
     *
     * @return whether this call fired it
     */
    public boolean fireOnce(AlertEvent event) {
        try {
            return !fire(List.of(event)).isEmpty();
        } catch (RuntimeException e) {
            LOG.error("alert {} not fired: {}", event.alertId(), e.toString());
            return false;
        }
    }

    /** Fired alerts, newest first (see {@link AlertStore#recent}). */
    public List<AlertEvent> recent(String teamId, String userId, int limit) {
        return store.recent(teamId, userId, limit);
    }

    @PreDestroy
    void close() {
        executor.shutdown();
    }

    private CompletableFuture<List<AlertEvent>> fireAsync(List<AlertEvent> due) {
        List<AlertEvent> unknown =
                due.stream().filter(e -> !known.contains(e.dedupKey())).toList();
        if (unknown.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        try {
            return CompletableFuture.supplyAsync(() -> fire(unknown), executor);
        } catch (RuntimeException e) {
            LOG.error("alert check not started: {}", e.toString());
            return CompletableFuture.completedFuture(List.of());
        }
    }

    /** Claims, records and publishes each alert not claimed before; returns those this caller fired. */
    List<AlertEvent> fire(List<AlertEvent> due) {
        List<AlertEvent> fired = new ArrayList<>();
        for (AlertEvent event : due) {
            if (known.contains(event.dedupKey())) {
                continue;
            }
            boolean won;
            try {
                won = store.claim(event);
            } catch (RuntimeException e) {
                LOG.error(
                        "alert {} not claimed (store unreachable); a later call will try again: {}",
                        event.alertId(),
                        e.toString());
                continue;
            }
            remember(event);
            if (!won) {
                continue;
            }
            try {
                store.record(event);
            } catch (RuntimeException e) {
                LOG.error("alert {} fired but not stored for listing: {}", event.alertId(), e.toString());
            }
            try {
                publisher.publish(event);
            } catch (RuntimeException e) {
                LOG.error("alert {} not published: {}", event.alertId(), e.toString());
            }
            fired.add(event);
        }
        return fired;
    }

    private void remember(AlertEvent event) {
        if (known.size() >= MAX_REMEMBERED) {
            known.clear();
        }
        known.add(event.dedupKey());
    }
}
