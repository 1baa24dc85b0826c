package dev.tollgate.gateway.admission;

import dev.tollgate.gateway.config.BudgetSettings;
import dev.tollgate.gateway.config.GatewayConfig;
import dev.tollgate.gateway.config.GatewaySettings;
import dev.tollgate.gateway.config.ModelDeployment;
import dev.tollgate.gateway.routing.Router;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * When a call's reservation expires: at the latest moment the call can still be alive, plus a margin, so
 * the sweeper frees the reservation of a call that died (process killed, Lambda timeout) within about a
 * minute of that moment, and never while the call could still settle.
 *
 * <ul>
 *   <li>A non-streamed call lives at most as long as its attempts: for every deployment it may try (its
 *       model's group, then the fallbacks), {@code (retries + 1) × timeout + retries × 8 s} of backoff.</li>
 *   <li>A stream's body has no upstream timeout once it has started, so it is bounded only by the
 *       runtime.</li>
 *   <li>Both are bounded by the runtime's hard limit: on Lambda the invocation's own end (the function
 *       timeout, so raising it for longer streams lengthens reservations with it), elsewhere
 *       {@code settings.budgets.max_call_seconds}.</li>
 * </ul>
 * {@code settings.budgets.reservation_ttl_seconds}, when set, replaces all of this by a fixed lifetime.
 */
@Singleton
public class CallDeadline {
    /** Covers the settle transaction after the last byte and clock skew between the call and the sweeper. */
    public static final Duration MARGIN = Duration.ofSeconds(10);
    /** The upstream client's longest backoff between retries ({@code UpstreamHttp}'s cap). */
    static final Duration MAX_RETRY_BACKOFF = Duration.ofSeconds(8);

    private final GatewayConfig config;
    private final Router router;
    private final InvocationDeadline invocation;
    private final BudgetSettings budgets;

    public CallDeadline(GatewayConfig config, Router router, InvocationDeadline invocation) {
        this.config = config;
        this.router = router;
        this.invocation = invocation;
        this.budgets = config.settings().budgetsOrDefault();
    }

    /** When the reservation of a call to {@code model} admitted at {@code now} may be released. */
    public Instant expiresAt(String model, boolean stream, Instant now) {
        if (budgets.reservationTtlSeconds() != null) {
            return now.plusSeconds(budgets.reservationTtlSeconds());
        }
        Instant hard = invocation.endsAt() != null ? invocation.endsAt() : now.plus(budgets.maxCall());
        Instant deadline = stream ? hard : min(now.plus(attempts(model)), hard);
        return deadline.plus(MARGIN);
    }

    /** The longest all attempts of a non-streamed call to {@code model} can take. */
    Duration attempts(String model) {
        GatewaySettings settings = config.settings();
        Duration total = Duration.ZERO;
        for (String m : model == null ? List.<String>of() : router.chain(model)) {
            for (ModelDeployment d : config.group(m)) {
                int retries = Math.max(0, d.retriesOr(settings.maxRetries()));
                Duration timeout = Duration.ofSeconds(d.timeoutOr(settings.timeoutSeconds()));
                total = total.plus(timeout.multipliedBy(retries + 1L)).plus(MAX_RETRY_BACKOFF.multipliedBy(retries));
            }
        }
        if (total.isZero()) {
            int retries = settings.maxRetries();
            total = Duration.ofSeconds(settings.timeoutSeconds())
                    .multipliedBy(retries + 1L)
                    .plus(MAX_RETRY_BACKOFF.multipliedBy(retries));
        }
        return total;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
