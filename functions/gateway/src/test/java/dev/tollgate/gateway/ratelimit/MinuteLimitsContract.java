package dev.tollgate.gateway.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.gateway.errors.GatewayException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Requests and tokens per minute, per scope and per model, all limits or none. */
interface MinuteLimitsContract extends RateLimiterContract {

    @Test
    default void acquire_whenRpmIsReached_refusesTheNextCallWithRetryAfterAndHeaders() {
        // GIVEN a key with 3 requests per minute, all used
        RateLimits limits = RateLimits.of(key(3L, null, null));
        for (int i = 0; i < 3; i++) {
            acquire("r" + i, limits, 10);
        }
        // WHEN a fourth call comes in the same minute
        GatewayException e = refused("r3", limits, 10);
        // THEN it is refused naming the key and its limit, retrying at the next minute
        assertEquals(
                "Rate limit exceeded for key 'app': 3 requests per minute, 3 used this minute. Retry after 30s.",
                e.getMessage());
        assertEquals(
                Map.of("retry-after", "30", "x-ratelimit-limit-requests", "3", "x-ratelimit-remaining-requests", "0"),
                e.headers());
    }

    @Test
    default void acquire_inTheNextMinute_isAllowedAgain() {
        // GIVEN a key whose 2 requests this minute are used
        RateLimits limits = RateLimits.of(key(2L, null, null));
        acquire("r1", limits, 0);
        acquire("r2", limits, 0);
        refused("r3", limits, 0);
        // WHEN the minute turns
        clock().advance(Duration.ofSeconds(30));
        // THEN the key has its full rpm again
        RateLease lease = acquire("r4", limits, 0);
        assertEquals("1", limiter().headers(lease).get("x-ratelimit-remaining-requests"));
    }

    @Test
    default void acquire_whenTokensWouldPassTpm_refusesUntilActualsCorrectTheEstimates() {
        // GIVEN a key with 1,000 tokens per minute and two calls estimated at 400 each (800 counted)
        RateLimits limits = RateLimits.of(key(null, 1000L, null));
        RateLease first = acquire("r1", limits, 400);
        acquire("r2", limits, 400);
        // WHEN a third 400-token call comes: 800 + 400 > 1,000
        GatewayException e = refused("r3", limits, 400);
        assertEquals(
                "Rate limit exceeded for key 'app': 1000 tokens per minute, 800 used this minute and this call "
                        + "may use 400. Retry after 30s.",
                e.getMessage());
        assertEquals("200", e.headers().get("x-ratelimit-remaining-tokens"));
        // THEN once the first call settles at 100 actual tokens (500 counted), it fits (900)
        limiter().release(first, 100);
        RateLease third = acquire("r3", limits, 400);
        assertEquals(
                Map.of("x-ratelimit-limit-tokens", "1000", "x-ratelimit-remaining-tokens", "100"),
                limiter().headers(third));
    }

    @Test
    default void acquire_whenTheEstimateAloneExceedsTpm_runsOnlyInAnOtherwiseEmptyMinute() {
        // GIVEN a key with 1,000 tokens per minute WHEN a call may use 5,000
        RateLimits limits = RateLimits.of(key(null, 1000L, null));
        RateLease big = acquire("big", limits, 5000);
        // THEN it runs, charged the whole minute, and nothing else fits until it settles
        assertEquals("0", limiter().headers(big).get("x-ratelimit-remaining-tokens"));
        refused("small", limits, 1);
        limiter().release(big, 300);
        acquire("small", limits, 1);
    }

    @Test
    default void acquire_withAZeroLimit_isAlwaysRefused() {
        refused("r1", RateLimits.of(key(0L, null, null)), 0);
    }

    @Test
    default void release_inALaterMinute_leavesTheNewMinuteAlone() {
        // GIVEN a call estimated at 900 of 1,000 tokens that runs into the next minute
        RateLimits limits = RateLimits.of(key(null, 1000L, null));
        RateLease lease = acquire("long", limits, 900);
        clock().advance(Duration.ofSeconds(45));
        // WHEN it settles at 950 actual tokens
        limiter().release(lease, 950);
        // THEN the new minute still has all its tokens
        RateLease next = acquire("next", limits, 1000);
        assertEquals("0", limiter().headers(next).get("x-ratelimit-remaining-tokens"));
    }

    @Test
    default void release_twice_correctsTokensOnce() {
        RateLimits limits = RateLimits.of(key(null, 1000L, null));
        RateLease lease = acquire("r1", limits, 600);
        limiter().release(lease, 0);
        limiter().release(lease, 0);
        // 600 given back once: a 1,000-token call fits, not more
        acquire("r2", limits, 1000);
        refused("r3", limits, 1);
    }

    @Test
    default void acquire_perModel_limitsOnlyThatModelAndKeepsTheKeyLimit() {
        // GIVEN a key allowed 5 rpm overall and 1 rpm on gpt-4o
        RateLimits gpt4o = RateLimits.of(key(5L, null, null), model("gpt-4o", 1L, null));
        RateLimits mini = RateLimits.of(key(5L, null, null));
        acquire("r1", gpt4o, 0);
        // WHEN a second gpt-4o call comes THEN it is refused naming the model
        GatewayException e = refused("r2", gpt4o, 0);
        assertTrue(
                e.getMessage().startsWith("Rate limit exceeded for key 'app' on model 'gpt-4o': 1 requests per minute"),
                e.getMessage());
        // AND another model still runs, counted against the key's 5
        RateLease other = acquire("r3", mini, 0);
        assertEquals("3", limiter().headers(other).get("x-ratelimit-remaining-requests"));
    }

    @Test
    default void acquire_whenOneScopeIsFull_movesNoOtherCounter() {
        // GIVEN key 2 rpm and team 1 rpm; the team's one request is used
        RateLimits both = RateLimits.of(key(2L, null, null), team(1L, null, null));
        acquire("r1", both, 0);
        // WHEN a call is refused by the team
        GatewayException e = refused("r2", both, 0);
        assertTrue(e.getMessage().contains("team 'ml'"), e.getMessage());
        // THEN the key counted only the first call: one request left, not zero
        RateLease keyOnly = acquire("r3", RateLimits.of(key(2L, null, null)), 0);
        assertEquals("0", limiter().headers(keyOnly).get("x-ratelimit-remaining-requests"));
        refused("r4", RateLimits.of(key(2L, null, null)), 0);
    }

    @Test
    default void headers_reportTheTightestRequestAndTokenLimits() {
        // GIVEN key 10 rpm / 5,000 tpm and team 3 rpm / 100,000 tpm
        RateLimits limits = RateLimits.of(key(10L, 5000L, null), team(3L, 100_000L, null));
        acquire("r1", limits, 1000);
        // WHEN the second call is admitted
        RateLease lease = acquire("r2", limits, 1000);
        // THEN requests come from the team, tokens from the key
        assertEquals(
                Map.of(
                        "x-ratelimit-limit-requests",
                        "3",
                        "x-ratelimit-remaining-requests",
                        "1",
                        "x-ratelimit-limit-tokens",
                        "5000",
                        "x-ratelimit-remaining-tokens",
                        "3000"),
                limiter().headers(lease));
    }

    @Test
    default void acquire_withNoLimits_returnsANoOpLease() {
        RateLease lease = acquire("r1", RateLimits.NONE, 1000);
        assertTrue(lease.isNoop());
        assertEquals(Map.of(), limiter().headers(lease));
        limiter().release(lease, 10);
    }
}
