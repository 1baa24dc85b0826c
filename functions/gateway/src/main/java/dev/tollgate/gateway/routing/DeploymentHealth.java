package dev.tollgate.gateway.routing;

import dev.tollgate.gateway.config.GatewayConfig;
import dev.tollgate.gateway.config.ModelDeployment;
import dev.tollgate.gateway.config.RouterSettings;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Recent health of each deployment, in memory per instance (each Lambda instance learns on its own;
 * the SLA checks read the spend logs for the long view): latency, successes, failures, and a cooldown
 * after {@code allowed_fails} consecutive failures or a 429, during which the router skips it.
 */
@Singleton
public class DeploymentHealth {
    private static final double ALPHA = 0.2;

    /**
     * One state per configured deployment, keyed by identity (the configuration's own instances) and built
     * once, so the hot path reads an immutable map: no locking, no key building, no record hashing.
     */
    private final Map<ModelDeployment, State> states;

    private final Map<ModelDeployment, State> others = Collections.synchronizedMap(new IdentityHashMap<>());
    private final int allowedFails;
    private final Duration cooldown;
    private final Clock clock;

    public DeploymentHealth(GatewayConfig config, Clock clock) {
        RouterSettings router = config.router();
        this.allowedFails = router.allowedFailsOrDefault();
        this.cooldown = Duration.ofSeconds(router.cooldownSecondsOrDefault());
        this.clock = clock;
        Map<ModelDeployment, State> known = new IdentityHashMap<>();
        config.models().forEach(d -> known.put(d, new State()));
        this.states = known;
    }

    private static final class State {
        long successes;
        long failures;
        int consecutiveFailures;
        double latencyMs = -1;
        volatile Instant coolUntil = Instant.EPOCH;
        String lastError;
        Instant lastErrorAt;
    }

    public void success(ModelDeployment d, Duration latency) {
        State s = state(d);
        synchronized (s) {
            recordSuccess(s, latency);
        }
    }

    private static void recordSuccess(State s, Duration latency) {
        s.successes++;
        s.consecutiveFailures = 0;
        double ms = latency.toNanos() / 1e6;
        s.latencyMs = s.latencyMs < 0 ? ms : ALPHA * ms + (1 - ALPHA) * s.latencyMs;
    }

    /** Records a failure; a 429 or the {@code allowed_fails}-th failure in a row starts a cooldown. */
    public void failure(ModelDeployment d, int status, String error) {
        State s = state(d);
        synchronized (s) {
            recordFailure(s, status, error);
        }
    }

    private void recordFailure(State s, int status, String error) {
        s.failures++;
        s.consecutiveFailures++;
        s.lastError = status + " " + (error == null ? "" : error.length() > 200 ? error.substring(0, 200) : error);
        s.lastErrorAt = clock.instant();
        if (status == 429 || s.consecutiveFailures >= allowedFails) {
            s.coolUntil = clock.instant().plus(cooldown);
        }
    }

    public boolean coolingDown(ModelDeployment d) {
        State s = lookup(d);
        return s != null && s.coolUntil.isAfter(clock.instant());
    }

    /** For {@code GET /health/models}. */
    public Map<String, Object> describe(ModelDeployment d) {
        State s = lookup(d);
        if (s != null) {
            synchronized (s) {
                return view(d, s);
            }
        }
        return view(d, null);
    }

    private Map<String, Object> view(ModelDeployment d, State s) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("model", d.name());
        view.put("provider", d.providerId());
        view.put("upstream_model", d.upstreamModel());
        view.put("healthy", s == null || !s.coolUntil.isAfter(clock.instant()));
        view.put("successes", s == null ? 0 : s.successes);
        view.put("failures", s == null ? 0 : s.failures);
        view.put("consecutive_failures", s == null ? 0 : s.consecutiveFailures);
        view.put("avg_latency_ms", s == null || s.latencyMs < 0 ? null : Math.round(s.latencyMs * 10) / 10.0);
        view.put("cooldown_until", s == null || !s.coolUntil.isAfter(clock.instant()) ? null : s.coolUntil.toString());
        view.put("last_error", s == null ? null : s.lastError);
        view.put("last_error_at", s == null || s.lastErrorAt == null ? null : s.lastErrorAt.toString());
        return view;
    }

    private State lookup(ModelDeployment d) {
        State s = states.get(d);
        return s != null ? s : others.get(d);
    }

    private State state(ModelDeployment d) {
        State s = states.get(d);
        return s != null ? s : others.computeIfAbsent(d, k -> new State());
    }
}
