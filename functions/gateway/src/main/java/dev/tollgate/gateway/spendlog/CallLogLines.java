package dev.tollgate.gateway.spendlog;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.admission.Admission;
import dev.tollgate.gateway.admission.CallSubject;
import dev.tollgate.gateway.call.CallContext;
import dev.tollgate.gateway.config.ModelDeployment;
import dev.tollgate.gateway.cost.CallCost;
import dev.tollgate.gateway.identity.Principal;
import dev.tollgate.pricing.EffectiveRates;
import dev.tollgate.pricing.ModelPrice;
import dev.tollgate.pricing.Usage;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the one spend-log line of a call (docs/architecture.md §5) from what the request path knows. */
public final class CallLogLines {
    private static final int MAX_ERROR_CHARS = 500;

    private CallLogLines() {}

    public static SpendLogRecord record(
            CallContext call,
            String callType,
            ObjectNode request,
            ModelDeployment deployment,
            ModelPrice price,
            CallSubject subject,
            Admission admission,
            CallOutcome outcome,
            Instant end) {
        return record(call, callType, request, deployment, price, subject, admission, outcome, end, null);
    }

    /**
     * The line of a call; {@code savedCost} is non-null for a call the response cache answered: what the
     * upstream call would have cost (docs/caching.md).
     */
    public static SpendLogRecord record(
            CallContext call,
            String callType,
            ObjectNode request,
            ModelDeployment deployment,
            ModelPrice price,
            CallSubject subject,
            Admission admission,
            CallOutcome outcome,
            Instant end,
            BigDecimal savedCost) {
        Instant start = call.startTime();
        SpendLogRecordBuilder b = SpendLogRecord.builder()
                .requestId(call.requestId())
                .callType(callType)
                .startTime(start)
                .endTime(end)
                .durationMs(Duration.between(start, end).toMillis())
                .requestedModel(request.path("model").asText(null))
                .stream(request.path("stream").asBoolean(false))
                .status(outcome.status())
                .retries(outcome.retries())
                .fallbackUsed(outcome.fallbackUsed())
                .failoverRuleId(call.failoverRuleId())
                .upstreamCalled(outcome.upstreamCalled());
        if (outcome.firstTokenTime() != null) {
            b.firstTokenTime(outcome.firstTokenTime())
                    .timeToFirstTokenMs(
                            Duration.between(start, outcome.firstTokenTime()).toMillis());
        }
        if (deployment != null) {
            b.model(deployment.name())
                    .provider(deployment.providerId())
                    .upstreamModel(deployment.upstreamModel())
                    .apiBase(host(deployment.apiBase()));
        }
        Principal principal = subject == null ? call.principal() : subject.principal();
        if (principal != null) {
            b.keyHash(principal.key() != null ? principal.key().keyId() : principal.keyHash())
                    .keyAlias(principal.alias())
                    .userId(principal.userId())
                    .teamId(principal.teamId());
        }
        if (subject != null) {
            b.endUser(subject.endUser()).tags(subject.tags());
        }
        b.metadata(metadata(request));
        b.caller(
                call.caller().userAgent(), call.caller().client(), call.caller().sessionId());
        CallCost cost = outcome.cost();
        if (cost != null) {
            Usage u = cost.usage();
            b.tokens(
                            u.promptTokens(),
                            u.completionTokens(),
                            u.cacheReadTokens(),
                            u.cacheWriteTokens(),
                            u.reasoningTokens())
                    .cost(cost.cost().total())
                    .cacheReadCost(cost.cost().cacheRead())
                    .cacheWriteCost(cost.cost().cacheWrite())
                    .splitCost(
                            cost.cost().input(),
                            cost.cost().output().add(cost.cost().reasoning()))
                    .usageEstimated(u.estimated());
            if (price != null) {
                BigDecimal inputRate =
                        EffectiveRates.of(price, u.promptTokens(), cost.tier()).input();
                BigDecimal rate = inputRate == null ? BigDecimal.ZERO : inputRate;
                b.cacheReadUncachedCost(rate.multiply(BigDecimal.valueOf(u.cacheReadTokens())))
                        .cacheWriteUncachedCost(rate.multiply(BigDecimal.valueOf(u.cacheWriteTokens())));
            }
        } else {
            b.cost(BigDecimal.ZERO);
        }
        if (outcome.error() != null) {
            String message = outcome.error().getMessage();
            b.errorType(outcome.error().type())
                    .errorMessage(
                            message == null
                                    ? null
                                    : message.length() > MAX_ERROR_CHARS
                                            ? message.substring(0, MAX_ERROR_CHARS)
                                            : message);
        }
        if (savedCost != null) {
            b.cacheHit(savedCost);
        }
        if (admission != null) {
            b.budgetReserved(admission.reserved()).maxTokensClamped(admission.clampedTo() != null);
        }
        if (principal != null && logsContent(principal)) {
            b.messages(ContentRedaction.redact(
                    request.has("messages")
                            ? request.get("messages").toString()
                            : request.path("input").toString()));
            if (outcome.response() != null) {
                b.response(ContentRedaction.redact(outcome.response().toString()));
            }
        }
        return b.build();
    }

    private static boolean logsContent(Principal principal) {
        return (principal.key() != null && principal.key().logContent())
                || (principal.team() != null && principal.team().logContent());
    }

    /** The request's {@code metadata} strings (tags excluded: they have their own column). */
    private static Map<String, String> metadata(ObjectNode request) {
        Map<String, String> metadata = new LinkedHashMap<>();
        request.path("metadata").fields().forEachRemaining(e -> {
            if (!e.getKey().equals("tags") && e.getValue().isValueNode()) {
                metadata.put(e.getKey(), e.getValue().asText());
            }
        });
        return metadata;
    }

    /** Parsed once per configured base (a handful), not once per call. */
    private static final java.util.concurrent.ConcurrentHashMap<String, String> HOSTS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static String host(String apiBase) {
        return apiBase == null ? null : HOSTS.computeIfAbsent(apiBase, CallLogLines::parseHost);
    }

    private static String parseHost(String apiBase) {
        try {
            URI uri = URI.create(apiBase);
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
                    + uri.getPath();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
