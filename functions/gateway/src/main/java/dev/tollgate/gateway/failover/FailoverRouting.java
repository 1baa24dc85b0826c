package dev.tollgate.gateway.failover;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The SLA layer of routing: which model a call for a model is served by while a failover rule is active.
 * <ul>
 *   <li>An active failover is honoured until its {@code until} plus {@link #GRACE}: the collector decides at
 *       its first run after {@code until} (ends or extends it), and a failover it no longer refreshes (the
 *       collector stopped) lapses by itself rather than stick.</li>
 *   <li>Failovers chain: a → b and b → c send calls for a to c (rules cannot form a cycle; a visited set
 *       guards anyway).</li>
 *   <li>Every {@code tollgate.failover.probe-every}-th call (default 20; 0 = none) for a failed-over model still
 *       goes to it, so the health rollups see whether it has recovered (a half-open circuit breaker).</li>
 * </ul>
 * The per-instance cooldowns ({@code routing/DeploymentHealth}) act afterwards, inside the chosen model's
 * deployments.
 */
@Singleton
public class FailoverRouting {
    public static final String HEADER = "x-tollgate-failover";
    public static final Duration GRACE = Duration.ofMinutes(10);

    private final ActiveFailovers failovers;
    private final Clock clock;
    private final long probeEvery;
    /** Calls diverted or probed, per failed-over (primary) model: each model is probed every Nth of its calls. */
    private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();

    public FailoverRouting(
            ActiveFailovers failovers, Clock clock, @Value("${tollgate.failover.probe-every:20}") long probeEvery) {
        this.failovers = failovers;
        this.clock = clock;
        this.probeEvery = Math.max(0, probeEvery);
    }

    /**
     * The failover a call for {@code model} takes: its rule, and the model that serves it (the end of the
     * chain); empty when none is active, or when this call is a probe of the primary.
     */
    public Optional<ActiveFailover> divert(String model) {
        Optional<ActiveFailover> active = active(model);
        if (active.isEmpty()
                || (probeEvery > 0
                        && calls.computeIfAbsent(model, m -> new AtomicLong()).incrementAndGet() % probeEvery == 0)) {
            return Optional.empty();
        }
        return active;
    }

    /** The failover in force for {@code model} (no probing), for {@code /health/models}. */
    public Optional<ActiveFailover> active(String model) {
        var list = failovers.current();
        if (list.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        ActiveFailover first = null;
        String served = model;
        Set<String> seen = new HashSet<>();
        while (seen.add(served)) {
            ActiveFailover hop = null;
            for (ActiveFailover f : list) {
                if (f.primaryModel().equals(served) && now.isBefore(f.until().plus(GRACE))) {
                    hop = f;
                    break;
                }
            }
            if (hop == null) {
                break;
            }
            first = first == null ? hop : first;
            served = hop.fallbackModel();
        }
        return first == null
                ? Optional.empty()
                : Optional.of(new ActiveFailover(first.ruleId(), model, served, first.until()));
    }
}
