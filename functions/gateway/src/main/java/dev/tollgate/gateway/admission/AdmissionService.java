package dev.tollgate.gateway.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.knuddels.jtokkit.api.EncodingType;
import dev.tollgate.gateway.alerts.AlertService;
import dev.tollgate.gateway.budget.BudgetLedger;
import dev.tollgate.gateway.budget.BudgetLimit;
import dev.tollgate.gateway.budget.Reservation;
import dev.tollgate.gateway.budget.ReserveResult;
import dev.tollgate.gateway.budget.Settlement;
import dev.tollgate.gateway.budget.Shortfall;
import dev.tollgate.gateway.budget.SpendSnapshot;
import dev.tollgate.gateway.config.BudgetSettings;
import dev.tollgate.gateway.config.GatewayConfig;
import dev.tollgate.gateway.errors.GatewayException;
import dev.tollgate.gateway.ratelimit.RateLease;
import dev.tollgate.gateway.ratelimit.RateLimitService;
import dev.tollgate.pricing.CostPredictor;
import dev.tollgate.pricing.ModelPrice;
import dev.tollgate.pricing.Prediction;
import dev.tollgate.pricing.ServiceTier;
import dev.tollgate.pricing.TokenCounter;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a call through only if every budget that applies has room for its worst case, and settles it
 * exactly once afterwards (docs/architecture.md §4, docs/budgets.md):
 * <ol>
 *   <li>reserve the worst case (input + all the output the request may produce) on every counter;</li>
 *   <li>if a budget lacks room, reserve a share of what remains of the tightest one instead and lower
 *       the request's output limit to what that share affords (the clamp), so the call cannot overshoot;</li>
 *   <li>if not even some output fits because the budget is <em>held</em> by calls in flight, wait up to
 *       {@code settings.budgets.max_wait_ms} for them to settle, retrying with backoff;</li>
 *   <li>then refuse with 429, sending nothing upstream: {@code budget_exceeded} when settled spend leaves no
 *       room, {@code budget_in_use} when calls in flight still hold it ({@link BudgetRefusal}).</li>
 * </ol>
 * The clamp costs nothing on the common path: the second attempt happens only when the first fails.
 */
@Singleton
public class AdmissionService {
    private static final Logger LOG = LoggerFactory.getLogger(AdmissionService.class);

    private final BudgetLedger ledger;
    private final RateLimitService rates;
    private final AlertService alerts;
    private final BudgetScopes scopes;
    private final BudgetSettings settings;
    private final Clock clock;
    private final CallDeadline deadlines;
    private final CallDurations durations;
    private final Duration logTtl;

    public AdmissionService(
            BudgetLedger ledger,
            BudgetScopes scopes,
            GatewayConfig config,
            Clock clock,
            RateLimitService rates,
            AlertService alerts,
            CallDeadline deadlines,
            CallDurations durations) {
        this.deadlines = deadlines;
        this.durations = durations;
        this.alerts = alerts;
        this.rates = rates;
        this.ledger = ledger;
        this.scopes = scopes;
        this.settings = config.settings().budgetsOrDefault();
        this.clock = clock;
        this.logTtl = Duration.ofDays(config.settings().spendLogTtl());
    }

    /**
     * Reserves for a chat call that may be served by any of {@code prices} (the model, its other
     * deployments and its fallbacks): the worst case of the dearest, so a fallback can never overshoot.
     * Clamps {@code upstreamBody}'s output limit if needed; throws 429 or 503.
     */
    public Admission admit(String requestId, CallSubject subject, List<ModelPrice> prices, ObjectNode upstreamBody) {
        ServiceTier tier = ServiceTier.parse(upstreamBody.path("service_tier").asText(null));
        Map<EncodingType, Integer> inputByEncoding = new EnumMap<>(EncodingType.class);
        ModelPrice dearest = null;
        Prediction worst = null;
        for (ModelPrice price : prices) {
            int input = inputByEncoding.computeIfAbsent(
                    TokenCounter.encodingFor(price.key()), e -> CostPredictor.inputTokens(price, upstreamBody));
            Prediction p = CostPredictor.predict(price, upstreamBody, tier, input);
            if (worst == null || p.maxCostUsd().compareTo(worst.maxCostUsd()) > 0) {
                dearest = price;
                worst = p;
            }
        }
        return admit(requestId, subject, dearest, upstreamBody, worst, tier);
    }

    /**
     * Reserves {@code prediction.maxCostUsd()}; when a budget lacks room and the prediction has output
     * to give up, clamps the output limit in {@code upstreamBody}.
     */
    public Admission admit(
            String requestId,
            CallSubject subject,
            ModelPrice price,
            ObjectNode upstreamBody,
            Prediction prediction,
            ServiceTier tier) {
        RateLease lease = rates.acquire(
                requestId,
                subject.principal(),
                upstreamBody.path("model").asText(null),
                prediction.inputTokens(),
                prediction.maxOutputTokens());
        try {
            return reserve(requestId, subject, price, upstreamBody, prediction, tier, lease);
        } catch (ClampedReserve.StoreUnavailable unavailable) {
            if (settings.failsOpen()) {
                LOG.error(
                        "budget store unreachable: call {} lets through UNRESERVED (settings.budgets.fail_open)",
                        requestId);
                return new Admission(requestId, subject, scopes.limitsFor(subject), null, null, lease, clock.instant());
            }
            rates.release(lease, 0, 0);
            throw BudgetErrors.storageUnavailable();
        } catch (RuntimeException refused) {
            rates.release(lease, 0, 0);
            throw refused;
        }
    }

    private Admission reserve(
            String requestId,
            CallSubject subject,
            ModelPrice price,
            ObjectNode upstreamBody,
            Prediction prediction,
            ServiceTier tier,
            RateLease lease) {
        List<BudgetLimit> limits = scopes.limitsFor(subject);
        String model = upstreamBody.path("model").asText(null);
        boolean stream = upstreamBody.path("stream").asBoolean(false);
        BigDecimal smallest = ClampedReserve.smallest(price, upstreamBody, prediction, tier);
        OutputLimit.Saved requested = OutputLimit.save(upstreamBody);
        long waitEnds = System.nanoTime() + settings.maxWait().toNanos();
        for (int round = 0; ; round++) {
            requested.restore(upstreamBody);
            // the call's attempts start once it is admitted: its deadline counts from this try, not the first
            Instant now = clock.instant();
            ReserveResult result = ClampedReserve.attempt(
                    ledger,
                    requestId,
                    limits,
                    price,
                    upstreamBody,
                    prediction,
                    tier,
                    settings.share(),
                    deadlines.expiresAt(model, stream, now));
            if (result instanceof ReserveResult.Reserved reserved) {
                Reservation reservation = reserved.reservation();
                boolean clamped = reservation.amount().compareTo(prediction.maxCostUsd()) < 0
                        && prediction.maxOutputTokens() >= 1;
                return new Admission(
                        requestId,
                        subject,
                        limits,
                        reservation,
                        clamped ? OutputLimit.get(upstreamBody) : null,
                        lease,
                        now);
            }
            BudgetRefusal refusal = BudgetRefusal.of((ReserveResult.Insufficient) result, smallest);
            long left = waitEnds - System.nanoTime();
            if (refusal.spent() || left <= 0) {
                throw refuse(subject, refusal);
            }
            // held by calls in flight: wait for some to settle, then try again (the clamp still applies)
            pause(Math.min(ReserveBackoff.pause(round).toNanos(), left));
        }
    }

    /**
     * The 429 for a budget with no room: {@code budget_exceeded} (and the hard-budget alert, once per scope and
     * window) when spent, {@code budget_in_use} when held by calls in flight.
     */
    private GatewayException refuse(CallSubject subject, BudgetRefusal refusal) {
        Shortfall shortfall = refusal.shortfall();
        if (refusal.spent()) {
            try {
                alerts.afterRefusal(subject.principal(), shortfall).get(2, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn(
                        "hard-budget alert for {} not confirmed: {}",
                        shortfall.limit().label(),
                        e.toString());
            }
        }
        return BudgetErrors.of(
                refusal,
                ScopeNames.label(shortfall.limit(), subject.principal()),
                clock.instant(),
                durations.retryAfterSeconds());
    }

    private static void pause(long nanos) {
        try {
            Thread.sleep(java.time.Duration.ofNanos(Math.max(0, nanos)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for budget reservations to settle", e);
        }
    }

    /** Replaces the reservation by the actual cost and writes the log line, exactly once. Never throws. */
    public void settle(
            Admission admission,
            BigDecimal actualCost,
            long promptTokens,
            long completionTokens,
            String logJson,
            Map<String, String> logAttributes) {
        Settlement settlement = new Settlement(
                actualCost,
                promptTokens,
                completionTokens,
                logJson,
                clock.instant().plus(logTtl),
                logAttributes);
        try {
            if (admission.reservation() == null) {
                ledger.charge(admission.requestId(), admission.limits(), settlement);
            } else {
                ledger.settle(admission.reservation(), settlement);
                durations.record(Duration.between(admission.admittedAt(), clock.instant()));
            }
        } catch (RuntimeException e) {
            LOG.error(
                    "settlement of {} failed; the sweeper will release its reservation: {}",
                    admission.requestId(),
                    e.toString());
        }
        rates.release(admission.rateLease(), promptTokens, completionTokens);
    }

    /** Writes the log line of a call that was refused or failed before it reserved anything (cost 0). Never throws. */
    public void recordRefusal(String requestId, String logJson, Map<String, String> logAttributes) {
        try {
            ledger.charge(
                    requestId,
                    List.of(),
                    new Settlement(
                            BigDecimal.ZERO, 0, 0, logJson, clock.instant().plus(logTtl), logAttributes));
        } catch (RuntimeException e) {
            LOG.error("could not log refused call {}: {}", requestId, e.toString());
        }
    }

    /** Alert-only budgets that apply to every call: the runtime global budget's soft alert, if set. */
    public List<dev.tollgate.gateway.alerts.SoftBudget> globalSoftBudgets() {
        return scopes.globalSoft();
    }

    /** The counters of an admitted call, read while it runs, for the spend headers. */
    public SpendSnapshot snapshot(Admission admission) {
        return new SpendSnapshot(ledger.read(admission.limits(), clock.instant()), admission.reserved());
    }
}
