package dev.tollgate.gateway.spendlog;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** Records and helpers shared by the spend-log tests. */
final class SpendLogSamples {
    static final Instant T0 = Instant.parse("2025-05-01T12:59:59.250Z");

    private SpendLogSamples() {}

    /** A successful, fully attributed chat completion. */
    static SpendLogRecord chat(String requestId, Instant start) {
        return SpendLogRecord.builder()
                .requestId(requestId)
                .callType(SpendLogRecord.CHAT_COMPLETION)
                .startTime(start)
                .endTime(start.plusMillis(840))
                .firstTokenTime(start.plusMillis(120))
                .requestedModel("gpt-4o-mini")
                .model("gpt-4o-mini")
                .provider("openai")
                .upstreamModel("gpt-4o-mini-2024-07-18")
                .apiBase("https://api.openai.com/v1")
                .keyHash("5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8")
                .keyAlias("ci-bot")
                .userId("u-alice")
                .teamId("t-search")
                .endUser("customer-17")
                .tags(List.of("prod", "search"))
                .metadata(Map.of("session", "s-1", "feature", "autocomplete"))
                .tokens(1_200, 300, 1_000, 0, 0)
                .cost(new BigDecimal("0.000405"))
                .cacheReadCost(new BigDecimal("0.000075"))
                .cacheReadUncachedCost(new BigDecimal("0.00015"))
                .stream(true)
                .status(200)
                .budgetReserved(new BigDecimal("0.0123"))
                .build();
    }

    /** Every field set, so that every column appears in its JSON. */
    static SpendLogRecord everyField(String requestId, Instant start) {
        return chat(requestId, start).toBuilder()
                .cacheWriteTokens(50)
                .reasoningTokens(20)
                .cacheWriteCost(new BigDecimal("0.0000625"))
                .cacheWriteUncachedCost(new BigDecimal("0.00005"))
                .usageEstimated(true)
                .status(502)
                .errorType("upstream_error")
                .errorMessage("upstream answered 502")
                .retries(2)
                .fallbackUsed(true)
                .upstreamCalled(true)
                .maxTokensClamped(true)
                .messages("[{\"role\":\"user\",\"content\":\"hi\"}]")
                .response("{\"role\":\"assistant\",\"content\":\"hello\"}")
                .caller("claude-cli/2.1.328 (external, sdk-cli)", "claude-code", "7c3ca460-edd8-4f39")
                .failoverRuleId("0b5c1f9e-failover-rule")
                .build();
    }

    /** The lines of a gzip JSON-lines body. */
    static List<String> gunzipLines(byte[] gzip) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (!text.endsWith("\n")) {
                throw new AssertionError("the last line has no line break");
            }
            return Arrays.asList(text.substring(0, text.length() - 1).split("\n", -1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
