package dev.tollgate.gateway.spendlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpendLogRecordTest {
    private static final Instant START = Instant.parse("2025-05-01T10:00:00.000Z");

    private static SpendLogRecordBuilder minimal() {
        return SpendLogRecord.builder()
                .requestId("r")
                .callType(SpendLogRecord.EMBEDDING)
                .startTime(START)
                .endTime(START.plusMillis(250))
                .status(200);
    }

    @Test
    void build_minimal_fillsDurationTotalsCostAndSchemaVersion() {
        SpendLogRecord r = minimal().tokens(10, 5, 0, 0, 0).build();

        assertEquals(1, r.schemaVersion());
        assertEquals(250, r.durationMs());
        assertNull(r.timeToFirstTokenMs());
        assertEquals(15, r.totalTokens());
        assertEquals(BigDecimal.ZERO, r.cost());
        assertEquals(BigDecimal.ZERO, r.cacheReadCost());
        assertEquals(List.of(), r.tags());
        assertEquals(Map.of(), r.metadata());
    }

    @Test
    void build_apiBaseWithPathQueryAndCredentials_keepsHostAndPortOnly() {
        assertEquals(
                "api.example.com:8443",
                minimal()
                        .apiBase("https://user:secret@api.example.com:8443/v1?api_key=sk-abc")
                        .build()
                        .apiBase());
        assertEquals(
                "api.openai.com",
                minimal().apiBase("https://api.openai.com/v1").build().apiBase());
        assertEquals(
                "bedrock-runtime.us-east-1.amazonaws.com",
                minimal()
                        .apiBase("bedrock-runtime.us-east-1.amazonaws.com")
                        .build()
                        .apiBase());
    }

    @Test
    void build_errorMessageWithKeys_isRedactedAndShortened() {
        String message =
                "Incorrect API key provided: sk-proj-abcdef123456 (Authorization: Bearer xyz.abc) " + "x".repeat(1000);

        String kept = minimal().status(401).errorMessage(message).build().errorMessage();

        assertFalse(kept.contains("sk-proj-abcdef123456"), kept);
        assertFalse(kept.contains("xyz.abc"), kept);
        assertTrue(kept.length() <= SpendLogValues.MAX_ERROR_MESSAGE, "length " + kept.length());
    }

    @Test
    void build_moneyFinerThan12Places_isRoundedHalfUpAndStripped() {
        SpendLogRecord r = minimal()
                .cost(new BigDecimal("0.00000000000250"))
                .budgetReserved(new BigDecimal("1.0000000000005"))
                .build();

        assertEquals("0.000000000003", r.cost().toPlainString());
        assertEquals("1.000000000001", r.budgetReserved().toPlainString());
    }

    @Test
    void build_timesAreCutToMilliseconds() {
        SpendLogRecord r = minimal()
                .startTime(Instant.parse("2025-05-01T10:00:00.123456789Z"))
                .build();

        assertEquals(Instant.parse("2025-05-01T10:00:00.123Z"), r.startTime());
    }

    @Test
    void build_tagsDeduplicatedAndMetadataSorted() {
        SpendLogRecord r = minimal()
                .tags(java.util.Arrays.asList("b", "a", "b", " ", null))
                .metadata(Map.of("z", "1", "a", "2"))
                .build();

        assertEquals(List.of("b", "a"), r.tags());
        assertEquals(List.of("a", "z"), List.copyOf(r.metadata().keySet()));
    }

    @Test
    void build_missingRequiredOrNegative_isRefused() {
        assertThrows(
                IllegalArgumentException.class, () -> minimal().requestId(" ").build());
        assertThrows(IllegalArgumentException.class, () -> minimal().status(0).build());
        assertThrows(NullPointerException.class, () -> minimal().endTime(null).build());
        assertThrows(
                IllegalArgumentException.class,
                () -> minimal().cost(new BigDecimal("-0.01")).build());
        assertThrows(
                IllegalArgumentException.class,
                () -> minimal().tokens(-1, 0, 0, 0, 0).build());
    }

    @Test
    void toBuilder_rebuildsAnEqualRecord() {
        SpendLogRecord r = SpendLogSamples.everyField("r", START);

        assertEquals(r, r.toBuilder().build());
    }
}
