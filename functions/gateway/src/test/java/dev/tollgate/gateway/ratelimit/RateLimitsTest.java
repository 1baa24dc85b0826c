package dev.tollgate.gateway.ratelimit;

import static dev.tollgate.gateway.ratelimit.Callers.key;
import static dev.tollgate.gateway.ratelimit.Callers.principal;
import static dev.tollgate.gateway.ratelimit.Callers.team;
import static dev.tollgate.gateway.ratelimit.Callers.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tollgate.gateway.config.RateLimitSettings;
import dev.tollgate.gateway.config.TpmCounts;
import dev.tollgate.gateway.identity.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which limits a call meets, built from the key, user and team records; and the minute arithmetic. */
class RateLimitsTest {

    @Test
    void forCall_withKeyUserTeamAndModelLimits_listsEachScopeOnce() {
        // GIVEN a key with rpm, tpm, parallel and per-model limits, in a user and a team with their own
        Principal p = principal(
                key("app", 10L, 1000L, 2L, Map.of("gpt-4o", 3L), Map.of("gpt-4o", 500L, "o3", 9L)),
                user(20L, null, null),
                team(null, 50_000L, 8L));
        // WHEN a gpt-4o call is limited
        RateLimits limits = RateLimits.forCall(p, "gpt-4o");
        // THEN key, key on gpt-4o, user and team, with their counters
        assertEquals(
                List.of(
                        new RateLimit(RateScope.KEY, "id-app", "app", null, 10L, 1000L, 2L),
                        new RateLimit(RateScope.KEY, "id-app", "app", "gpt-4o", 3L, 500L, null),
                        new RateLimit(RateScope.USER, "u1", "u1", null, 20L, null, null),
                        new RateLimit(RateScope.TEAM, "t1", "ml", null, null, 50_000L, 8L)),
                limits.limits());
        assertEquals(
                List.of("RATE#KEY#id-app", "RATE#KEY#id-app#gpt-4o", "RATE#USER#u1", "RATE#TEAM#t1"),
                limits.limits().stream().map(RateLimit::counterPk).toList());
    }

    @Test
    void forCall_onAnotherModel_leavesThePerModelLimitsOut() {
        Principal p = principal(key("app", null, null, null, Map.of("gpt-4o", 3L), Map.of()), null, null);
        assertSame(RateLimits.NONE, RateLimits.forCall(p, "gpt-4o-mini"));
        assertEquals(1, RateLimits.forCall(p, "gpt-4o").limits().size());
    }

    @Test
    void forCall_withNoLimitsAnywhere_isEmpty() {
        Principal p =
                principal(key("app", null, null, null, null, null), user(null, null, null), team(null, null, null));
        assertSame(RateLimits.NONE, RateLimits.forCall(p, "gpt-4o"));
    }

    @Test
    void forCall_forTheMasterKey_isEmpty() {
        assertSame(RateLimits.NONE, RateLimits.forCall(new Principal("master", "master", true), "gpt-4o"));
    }

    @Test
    void forCall_withANegativeLimit_treatsItAsNone() {
        Principal p = principal(key("app", -1L, 100L, null, null, null), null, null);
        assertEquals(
                List.of(new RateLimit(RateScope.KEY, "id-app", "app", null, null, 100L, null)),
                RateLimits.forCall(p, "m").limits());
    }

    @Test
    void rateLimits_withTwoLimitsOnOneCounter_areRejected() {
        RateLimit a = new RateLimit(RateScope.KEY, "k", "k", null, 1L, null, null);
        assertThrows(IllegalArgumentException.class, () -> RateLimits.of(a, a));
    }

    @Test
    void chargedTokens_areCappedAtTheTpm() {
        RateLimit limit = new RateLimit(RateScope.KEY, "k", "k", null, null, 1000L, null);
        assertEquals(400, limit.chargedTokens(400));
        assertEquals(1000, limit.chargedTokens(5000));
    }

    @Test
    void minute_keyTtlAndRetryAfter() {
        Instant now = Instant.parse("2026-03-04T10:15:30.250Z");
        RateMinute minute = RateMinute.of(now);
        assertEquals("2026-03-04T10:15", minute.key());
        // the minute ends 10:16:00; its counters may go 5 minutes later
        assertEquals(Instant.parse("2026-03-04T10:21:00Z").getEpochSecond(), minute.ttl());
        // 29.75 s to the next minute, rounded up
        assertEquals(30, RateMinute.secondsToNextMinute(now));
        assertEquals(60, RateMinute.secondsToNextMinute(Instant.parse("2026-03-04T10:15:00Z")));
        assertEquals(1, RateMinute.secondsToNextMinute(Instant.parse("2026-03-04T10:15:59.999Z")));
    }

    @Test
    void tpmCounts_countInputOutputOrTotal() {
        assertEquals(100, TpmCounts.parse("input").count(100, 30));
        assertEquals(30, TpmCounts.parse("OUTPUT").count(100, 30));
        assertEquals(130, TpmCounts.parse(null).count(100, 30));
        assertThrows(IllegalArgumentException.class, () -> TpmCounts.parse("prompt"));
        assertThrows(IllegalArgumentException.class, () -> new RateLimitSettings("both", null));
        assertThrows(IllegalArgumentException.class, () -> new RateLimitSettings(null, 0));
    }
}
