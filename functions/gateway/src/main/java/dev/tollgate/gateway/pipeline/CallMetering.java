package dev.tollgate.gateway.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.admission.Admission;
import dev.tollgate.gateway.admission.AdmissionService;
import dev.tollgate.gateway.admission.CallSubject;
import dev.tollgate.gateway.alerts.AlertService;
import dev.tollgate.gateway.alerts.AlertSubject;
import dev.tollgate.gateway.alerts.SettledCounters;
import dev.tollgate.gateway.budget.SpendSnapshot;
import dev.tollgate.gateway.call.CallContext;
import dev.tollgate.gateway.config.ModelDeployment;
import dev.tollgate.gateway.cost.CallCost;
import dev.tollgate.gateway.errors.GatewayException;
import dev.tollgate.gateway.ratelimit.RateLimitService;
import dev.tollgate.gateway.spendlog.CallLogLines;
import dev.tollgate.gateway.spendlog.CallOutcome;
import dev.tollgate.gateway.spendlog.SpendLogIndex;
import dev.tollgate.gateway.spendlog.SpendLogJson;
import dev.tollgate.gateway.spendlog.SpendLogRecord;
import dev.tollgate.pricing.ModelPrice;
import dev.tollgate.pricing.Prediction;
import dev.tollgate.pricing.ServiceTier;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Budgets and spend logs around one proxied call: admit before the upstream is called, settle with the
 * actual cost and the log line after it ends (success, failure, cut stream), log refusals at cost 0.
 * Every call that was authenticated gets exactly one log line, written in the same DynamoDB transaction
 * as its charge.
 */
@Singleton
public class CallMetering {
    public static final String CLAMPED = "x-tollgate-max-tokens-clamped";
    public static final String KEY_SPEND = "x-tollgate-key-spend";
    public static final String KEY_MAX_BUDGET = "x-tollgate-key-max-budget";
    public static final String BUDGET_REMAINING = SpendSnapshot.REMAINING;

    private final AdmissionService admissions;
    private final RateLimitService rates;
    private final AlertService alerts;
    private final SpendLogJson logJson = new SpendLogJson();
    private final Clock clock;
    private final ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor();

    public CallMetering(AdmissionService admissions, Clock clock, RateLimitService rates, AlertService alerts) {
        this.alerts = alerts;
        this.rates = rates;
        this.admissions = admissions;
        this.clock = clock;
    }

    /** The facts of one metered call that its log line needs. */
    public record Metered(
            CallContext call,
            String callType,
            ObjectNode request,
            ModelDeployment deployment,
            ModelPrice price,
            CallSubject subject,
            Admission admission,
            CompletableFuture<SpendSnapshot> snapshot) {

        /** The same call, now attributed to the deployment that actually served it. */
        public Metered servedBy(ModelDeployment served, ModelPrice servedPrice) {
            return new Metered(call, callType, request, served, servedPrice, subject, admission, snapshot);
        }
    }

    /** Admits a chat call whose worst case is the dearest of {@code chainPrices} (the model and its fallbacks). */
    public Metered admitChat(
            CallContext call,
            String callType,
            ObjectNode request,
            ModelDeployment deployment,
            ModelPrice price,
            java.util.List<ModelPrice> chainPrices,
            ObjectNode upstream,
            String endUserHeader) {
        CallSubject subject =
                CallSubject.of(call.principal(), request, endUserHeader, deployment.name(), call.session(request));
        try {
            Admission admission = admissions.admit(call.requestId(), subject, chainPrices, upstream);
            return started(call, callType, request, deployment, price, subject, admission);
        } catch (GatewayException refused) {
            refuse(call, callType, request, deployment, price, subject, refused);
            throw refused;
        }
    }

    public Metered admitEmbedding(
            CallContext call,
            ObjectNode request,
            ModelDeployment deployment,
            ModelPrice price,
            ObjectNode upstream,
            Prediction prediction,
            String endUserHeader) {
        CallSubject subject =
                CallSubject.of(call.principal(), request, endUserHeader, deployment.name(), call.session(request));
        try {
            Admission admission =
                    admissions.admit(call.requestId(), subject, price, upstream, prediction, ServiceTier.STANDARD);
            return started(call, "embedding", request, deployment, price, subject, admission);
        } catch (GatewayException refused) {
            refuse(call, "embedding", request, deployment, price, subject, refused);
            throw refused;
        }
    }

    /** Logs a call refused after authentication but before anything was reserved (validation, model, budget). */
    public void refuse(
            CallContext call,
            String callType,
            ObjectNode request,
            ModelDeployment deployment,
            ModelPrice price,
            CallSubject subject,
            GatewayException error) {
        CallOutcome outcome = CallOutcome.failed(error, null, false);
        SpendLogRecord record = CallLogLines.record(
                call, callType, request, deployment, price, subject, null, outcome, clock.instant());
        admissions.recordRefusal(call.requestId(), logJson.write(record), SpendLogIndex.attributes(record));
    }

    /** Settles the call with its outcome now; returns the headers that report spend and clamping. */
    public Map<String, String> settle(Metered m, CallOutcome outcome) {
        return settle(m, outcome, null);
    }

    /** The same, for a call the response cache answered ({@code savedCost}: see {@link #settlement}). */
    public Map<String, String> settle(Metered m, CallOutcome outcome, BigDecimal savedCost) {
        Settlement settlement = settlement(m, outcome, savedCost);
        settlement.write().run();
        return settlement.headers();
    }

    /**
     * A call's settlement, split in two: the headers that report spend and clamping, known now (from the counters
     * read while the call ran, plus its cost), and the write — the settle transaction (counters, reservation,
     * spend-log line) and any alerts it fires — which may run after the response has been sent.
     */
    public record Settlement(Map<String, String> headers, Runnable write) {}

    /**
     * The settlement of a call with its outcome; {@code savedCost} is non-null when the response cache answered it
     * (its log line says {@code cache_hit} and what the upstream call would have cost). Nothing is written until
     * {@link Settlement#write} runs.
     */
    public Settlement settlement(Metered m, CallOutcome outcome, BigDecimal savedCost) {
        CallCost cost = outcome.cost();
        BigDecimal actual = cost == null ? BigDecimal.ZERO : cost.cost().total();
        Instant end = clock.instant();
        // the counters read while the call ran must predate its settlement: the headers and alerts add its cost
        SpendSnapshot snapshot = snapshotOf(m);
        Runnable write = () -> {
            // the log line is built here too, after the response: it was 8 % of the request path's CPU samples
            // (docs/benchmarks.md, "Where the time goes")
            SpendLogRecord record = CallLogLines.record(
                    m.call(),
                    m.callType(),
                    m.request(),
                    m.deployment(),
                    m.price(),
                    m.subject(),
                    m.admission(),
                    outcome,
                    end,
                    savedCost);
            admissions.settle(
                    m.admission(),
                    actual,
                    cost == null ? 0 : cost.usage().promptTokens(),
                    cost == null ? 0 : cost.usage().completionTokens(),
                    logJson.write(record),
                    SpendLogIndex.attributes(record));
            if (snapshot != null && m.subject() != null) {
                awaitAlerts(alerts.afterSettle(
                        AlertSubject.of(m.subject().principal()).withSoftBudgets(admissions.globalSoftBudgets()),
                        SettledCounters.estimate(snapshot, actual)));
            }
        };
        return new Settlement(headers(m, actual, snapshot), write);
    }

    /**
     * Waits briefly for alert delivery (already complete unless an alert is firing): on Lambda, work left
     * running after the response is frozen with the instance.
     */
    private static void awaitAlerts(CompletableFuture<?> fired) {
        try {
            fired.get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            // alerts never fail a call; the service logs its own failures
        }
    }

    /** Headers known before the call runs (a stream's headers leave before it ends). */
    public Map<String, String> earlyHeaders(Metered m) {
        Map<String, String> headers =
                new LinkedHashMap<>(rates.headers(m.admission().rateLease()));
        if (m.admission().clampedTo() != null) {
            headers.put(CLAMPED, m.admission().clampedTo().toString());
        }
        return headers;
    }

    private Metered started(
            CallContext call,
            String callType,
            ObjectNode request,
            ModelDeployment deployment,
            ModelPrice price,
            CallSubject subject,
            Admission admission) {
        CompletableFuture<SpendSnapshot> snapshot = admission.limits().isEmpty()
                ? null
                : CompletableFuture.supplyAsync(() -> admissions.snapshot(admission), readers);
        return new Metered(call, callType, request, deployment, price, subject, admission, snapshot);
    }

    private Map<String, String> headers(Metered m, BigDecimal actual, SpendSnapshot snapshot) {
        Map<String, String> headers = earlyHeaders(m);
        if (snapshot == null) {
            return headers;
        }
        BigDecimal spend = snapshot.keySpend(actual);
        if (spend != null) {
            headers.put(KEY_SPEND, spend.toPlainString());
            headers.put("x-litellm-key-spend", spend.toPlainString());
        }
        BigDecimal max = snapshot.keyMaxBudget();
        if (max != null) {
            headers.put(KEY_MAX_BUDGET, max.toPlainString());
            headers.put("x-litellm-key-max-budget", max.toPlainString());
        }
        headers.putAll(snapshot.budgetHeaders(actual));
        return headers;
    }

    private static SpendSnapshot snapshotOf(Metered m) {
        if (m.snapshot() == null) {
            return null;
        }
        try {
            return m.snapshot().get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            return null;
        }
    }
}
