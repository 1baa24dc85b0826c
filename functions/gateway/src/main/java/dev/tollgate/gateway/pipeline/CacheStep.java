package dev.tollgate.gateway.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.cache.CacheLookup;
import dev.tollgate.gateway.cache.ChunkReplay;
import dev.tollgate.gateway.cache.RecordingStream;
import dev.tollgate.gateway.cache.ReplayedStream;
import dev.tollgate.gateway.cache.ResponseCaching;
import dev.tollgate.gateway.cost.CallCost;
import dev.tollgate.gateway.providers.UpstreamStream;
import dev.tollgate.gateway.spendlog.CallOutcome;
import dev.tollgate.pricing.ModelPrice;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The cache step of the pipeline, between admit and route (docs/caching.md): a hit answers from the cache,
 * complete or replayed as a stream, and settles like any call — its reservation released, charged 0, logged with
 * {@code cache_hit} and {@code saved_cost} (what the upstream call would have cost at the served model's price). A
 * miss goes upstream and its answer is stored once it is complete.
 */
final class CacheStep {
    /** A hit is charged nothing: its cost is priced at this free price, usage kept for the log and the counters. */
    static final ModelPrice FREE =
            ModelPrice.of("tollgate/cache-hit", Map.of("free", true), ModelPrice.Source.OVERRIDE);

    private final ResponseCaching caching;
    private final CallMetering metering;

    CacheStep(ResponseCaching caching, CallMetering metering) {
        this.caching = caching;
        this.metering = metering;
    }

    /** The answer from the cache, settled like any answer once sent (complete) or by the relay (stream); else empty. */
    Optional<CallResult> answer(
            CacheLookup lookup, CallMetering.Metered metered, ObjectNode body, String tokenizerModel) {
        Optional<ObjectNode> hit = caching.find(lookup);
        if (hit.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode answer = hit.get();
        CallCost saved = CallCost.ofChat(
                metered.price(),
                body,
                answer.get("usage"),
                answer.path("service_tier").asText(null),
                answer.path("choices").path(0).path("message").path("content").asText(""),
                tokenizerModel);
        BigDecimal savedCost = saved.cost().total();
        Map<String, String> headers = new LinkedHashMap<>(metering.earlyHeaders(metered));
        headers.put(CallPipeline.MODEL_USED, metered.deployment().name());
        headers.put(CallPipeline.ATTEMPTED_FALLBACKS, "0");
        headers.putAll(headers(lookup, true));
        if (body.path("stream").asBoolean(false)) {
            boolean clientWantsUsage =
                    body.path("stream_options").path("include_usage").asBoolean(false);
            Consumer<CallOutcome> settle = outcome -> metering.settle(metered, fromCache(outcome), savedCost);
            return Optional.of(new CallResult.Streaming(
                    new ReplayedStream(ChunkReplay.chunks(answer)),
                    new StreamPlan(body, FREE, clientWantsUsage, tokenizerModel),
                    headers,
                    settle));
        }
        CallCost charged = CallCost.of(FREE, saved.usage(), saved.tier());
        CallOutcome outcome = new CallOutcome(200, charged, null, 0, null, false, answer, false);
        CallMetering.Settlement settlement = metering.settlement(metered, outcome, savedCost);
        headers.putAll(settlement.headers());
        return Optional.of(new CallResult.Complete(answer, charged, headers, settlement.write()));
    }

    /** A miss's stream, recorded when its answer is to be stored. */
    UpstreamStream recordIfStored(CacheLookup lookup, UpstreamStream stream) {
        return lookup.stores() ? new RecordingStream(stream) : stream;
    }

    /** After a miss's stream ended: stores the answer it added up to, if it completed. */
    void storeStreamed(CacheLookup lookup, UpstreamStream stream, CallOutcome outcome) {
        if (outcome.status() == 200 && stream instanceof RecordingStream recorded) {
            recorded.answer().ifPresent(answer -> caching.store(lookup, answer));
        }
    }

    /** After a complete miss: stores its answer. */
    void store(CacheLookup lookup, ObjectNode answer) {
        caching.store(lookup, answer);
    }

    /** {@code x-tollgate-cache: hit|miss} and the key, when the cache is in play for the call. */
    static Map<String, String> headers(CacheLookup lookup, boolean hit) {
        if (!lookup.active()) {
            return Map.of();
        }
        return Map.of(ResponseCaching.HEADER, hit ? "hit" : "miss", ResponseCaching.KEY_HEADER, lookup.key());
    }

    /** A replayed stream's outcome: nothing was sent upstream. */
    private static CallOutcome fromCache(CallOutcome o) {
        return new CallOutcome(o.status(), o.cost(), o.error(), 0, o.firstTokenTime(), false, o.response(), false);
    }
}
