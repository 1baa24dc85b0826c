package dev.tollgate.gateway.failover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FailoverRoutingTest {
    private static final Instant NOW = Instant.parse("2026-11-02T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static FailoverRouting routing(long probeEvery, ActiveFailover... active) {
        InMemoryActiveFailovers failovers = new InMemoryActiveFailovers();
        failovers.publish(List.of(active));
        return new FailoverRouting(failovers, CLOCK, probeEvery);
    }

    @Test
    void divert_whenARuleIsActive_sendsThePrimaryToItsFallback_andOtherModelsNowhere() {
        FailoverRouting r = routing(0, new ActiveFailover("r1", "gpt-4o", "claude", NOW.plusSeconds(60)));
        assertEquals("claude", r.divert("gpt-4o").orElseThrow().fallbackModel());
        assertEquals("r1", r.divert("gpt-4o").orElseThrow().ruleId());
        assertTrue(r.divert("claude").isEmpty());
    }

    @Test
    void divert_followsChains_andReportsTheFirstRule() {
        FailoverRouting r = routing(
                0,
                new ActiveFailover("r1", "a", "b", NOW.plusSeconds(60)),
                new ActiveFailover("r2", "b", "c", NOW.plusSeconds(60)));
        ActiveFailover f = r.divert("a").orElseThrow();
        assertEquals("c", f.fallbackModel());
        assertEquals("r1", f.ruleId());
    }

    @Test
    void aCycleInThePublishedSet_endsInsteadOfLooping() {
        FailoverRouting r = routing(
                0,
                new ActiveFailover("r1", "a", "b", NOW.plusSeconds(60)),
                new ActiveFailover("r2", "b", "a", NOW.plusSeconds(60)));
        assertEquals("a", r.divert("a").orElseThrow().fallbackModel());
    }

    @Test
    void aFailoverPastItsCooldown_holdsUntilTheCollectorDecides_thenLapsesAfterTheGrace() {
        Instant until = NOW.minus(FailoverRouting.GRACE).plusSeconds(1);
        assertTrue(routing(0, new ActiveFailover("r1", "a", "b", until))
                .divert("a")
                .isPresent());
        Instant stale = NOW.minus(FailoverRouting.GRACE);
        assertEquals(
                Optional.empty(),
                routing(0, new ActiveFailover("r1", "a", "b", stale)).divert("a"));
    }

    @Test
    void everyNthCall_probesThePrimary() {
        FailoverRouting r = routing(3, new ActiveFailover("r1", "a", "b", NOW.plus(Duration.ofMinutes(5))));
        assertTrue(r.divert("a").isPresent());
        assertTrue(r.divert("a").isPresent());
        assertTrue(r.divert("a").isEmpty(), "the third call goes to the primary");
        assertTrue(r.active("a").isPresent(), "the failover is still in force");
    }

    @Test
    void twoFailedOverModelsAlternating_areEachProbedEveryNthOfTheirOwnCalls() {
        FailoverRouting r = routing(
                2,
                new ActiveFailover("r1", "a", "c", NOW.plus(Duration.ofMinutes(5))),
                new ActiveFailover("r2", "b", "c", NOW.plus(Duration.ofMinutes(5))));
        int probesOfA = 0;
        int probesOfB = 0;
        for (int i = 0; i < 4; i++) {
            probesOfA += r.divert("a").isEmpty() ? 1 : 0;
            probesOfB += r.divert("b").isEmpty() ? 1 : 0;
        }
        assertEquals(2, probesOfA, "every second call for a is a probe");
        assertEquals(2, probesOfB, "every second call for b is a probe");
    }
}
