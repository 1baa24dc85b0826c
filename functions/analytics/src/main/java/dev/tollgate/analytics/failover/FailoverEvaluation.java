package dev.tollgate.analytics.failover;

import dev.tollgate.gateway.failover.ActiveFailover;
import dev.tollgate.gateway.failover.ActiveFailovers;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The failover step of each SLA collector run, after the violations are updated:
 * <ul>
 *   <li>an inactive rule whose condition holds over the last {@link #TRIGGER_WINDOW} of buckets (none from before
 *       its last failover ended) is activated for its cooldown;</li>
 *   <li>an active rule whose cooldown has passed is judged on the buckets since it was activated or extended
 *       (the probe calls the gateway still sends the primary): condition still true → extended for another
 *       cooldown; otherwise (healthy, or no calls to judge) → ended, and traffic returns;</li>
 *   <li>then the active set is published to the one DynamoDB item every proxy instance reads — every run, so a
 *       deleted rule or a lost write is repaired within one period.</li>
 * </ul>
 * Each change is one alert, sent only by the run whose conditional update made it.
 */
public final class FailoverEvaluation {
    public static final Duration TRIGGER_WINDOW = Duration.ofMinutes(15);
    private static final Duration BUCKET = Duration.ofMinutes(5);
    private static final Logger LOG = LoggerFactory.getLogger(FailoverEvaluation.class);

    private final FailoverStore store;
    private final PrimaryHealth health;
    private final ActiveFailovers published;
    private final FailoverAlerts alerts;

    public FailoverEvaluation(
            FailoverStore store, PrimaryHealth health, ActiveFailovers published, FailoverAlerts alerts) {
        this.store = store;
        this.health = health;
        this.published = published;
        this.alerts = alerts;
    }

    /** What one run changed. */
    public record Result(int activated, int extended, int ended, int active) {
        public Map<String, Object> view() {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("activated", activated);
            v.put("extended", extended);
            v.put("ended", ended);
            v.put("active", active);
            return v;
        }
    }

    /** @param end the end of the complete buckets at {@code now} (the start of the current one) */
    public Result run(Instant now, Instant end) {
        Instant at = now.truncatedTo(ChronoUnit.MILLIS);
        int activated = 0;
        int extended = 0;
        int ended = 0;
        for (FailoverRule rule : store.rules()) {
            Duration cooldown = Duration.ofMinutes(rule.cooldownMinutes());
            if (!rule.active()) {
                Instant from = latest(end.minus(TRIGGER_WINDOW), ceil(rule.endedAt()));
                Judged judged = judge(rule, from, end);
                Instant until = at.plus(cooldown);
                if (judged.breach() != null && store.transition(rule.id(), null, at, until, null)) {
                    activated++;
                    alert(FailoverAlerts.ACTIVATED, rule.activeFor(at, until), judged.breach());
                }
            } else if (!now.isBefore(rule.activeUntil())) {
                Instant from = ceil(rule.activeUntil().minus(cooldown));
                Judged judged = from.isBefore(end) ? judge(rule, from, end) : Judged.NONE;
                Instant until = at.plus(cooldown);
                if (judged.breach() != null) {
                    if (store.transition(rule.id(), rule.activeUntil(), rule.activeSince(), until, null)) {
                        extended++;
                        alert(FailoverAlerts.EXTENDED, rule.activeFor(rule.activeSince(), until), judged.breach());
                    }
                } else if (store.transition(rule.id(), rule.activeUntil(), null, null, at)) {
                    ended++;
                    alert(FailoverAlerts.ENDED, rule, healthyReason(rule, from, end, judged.observed()));
                }
            }
        }
        List<ActiveFailover> active = activeSet();
        published.publish(active);
        return new Result(activated, extended, ended, active.size());
    }

    /** The active rules, the oldest per primary model, as the proxy reads them. */
    private List<ActiveFailover> activeSet() {
        List<ActiveFailover> out = new ArrayList<>();
        Set<String> primaries = new HashSet<>();
        for (FailoverRule r : store.rules()) {
            if (r.active() && primaries.add(r.primaryModel())) {
                out.add(new ActiveFailover(r.id(), r.primaryModel(), r.fallbackModel(), r.activeUntil()));
            }
        }
        return out;
    }

    /**
     * The metric observed over a window (null without calls, or for {@link FailoverTrigger#SLA_VIOLATION}) and
     * why the rule's condition holds over it (null when it does not).
     */
    private record Judged(Double observed, String breach) {
        static final Judged NONE = new Judged(null, null);
    }

    /** The rule's condition judged over {@code [from, end)}. */
    private Judged judge(FailoverRule rule, Instant from, Instant end) {
        if (rule.condition() == FailoverTrigger.SLA_VIOLATION) {
            return health.violationOpen(rule.primaryModel())
                    ? new Judged(null, "an SLA violation is open on " + rule.primaryModel())
                    : Judged.NONE;
        }
        if (!from.isBefore(end)) {
            return Judged.NONE;
        }
        Double observed = health.observed(rule.primaryModel(), rule.condition(), from, end);
        return new Judged(
                observed,
                rule.condition().holds(observed, rule.threshold())
                        ? rule.condition().id() + " of " + rule.primaryModel() + " is " + round(observed) + " ("
                                + (rule.condition() == FailoverTrigger.AVAILABILITY ? "below" : "above") + " "
                                + rule.threshold() + ") over " + from + " – " + end
                        : null);
    }

    /** Why the rule ends: {@code observed} is the metric {@link #judge} read over {@code [from, end)}. */
    private static String healthyReason(FailoverRule rule, Instant from, Instant end, Double observed) {
        if (rule.condition() == FailoverTrigger.SLA_VIOLATION) {
            return "no SLA violation is open on " + rule.primaryModel();
        }
        return observed == null
                ? "no calls reached " + rule.primaryModel() + " since the failover started; traffic returns to it"
                : rule.condition().id() + " of " + rule.primaryModel() + " is " + round(observed) + " over " + from
                        + " – " + end;
    }

    private void alert(String type, FailoverRule rule, String reason) {
        try {
            alerts.send(type, rule, reason);
        } catch (RuntimeException e) {
            LOG.warn("failover alert {} for rule {} not delivered", type, rule.id(), e);
        }
    }

    /** The start of the first bucket starting at or after {@code t} (null stays null). */
    static Instant ceil(Instant t) {
        if (t == null) {
            return null;
        }
        long seconds = BUCKET.toSeconds();
        long s = t.getEpochSecond() + (t.getNano() > 0 ? 1 : 0);
        return Instant.ofEpochSecond(Math.floorDiv(s + seconds - 1, seconds) * seconds);
    }

    private static Instant latest(Instant a, Instant b) {
        return b == null || a.isAfter(b) ? a : b;
    }

    private static double round(Double d) {
        return Math.round(d * 10_000d) / 10_000d;
    }
}
