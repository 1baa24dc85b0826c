package dev.tollgate.gateway.alerts;

import static dev.tollgate.gateway.alerts.AlertFixtures.APRIL;
import static dev.tollgate.gateway.alerts.AlertFixtures.CLOCK;
import static dev.tollgate.gateway.alerts.AlertFixtures.NOW;
import static dev.tollgate.gateway.alerts.AlertFixtures.SUBJECT;
import static dev.tollgate.gateway.alerts.AlertFixtures.TEAM_MONTH;
import static dev.tollgate.gateway.alerts.AlertFixtures.UTC;
import static dev.tollgate.gateway.alerts.AlertFixtures.counter;
import static dev.tollgate.gateway.alerts.AlertFixtures.teamMarch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.gateway.budget.Shortfall;
import dev.tollgate.gateway.config.AlertSettings;
import dev.tollgate.gateway.identity.KeyRecord;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The service with the in-memory store: once per window, never throws, key expiry. */
class AlertServiceTest {
    private final InMemoryAlertStore store = new InMemoryAlertStore();
    private final AlertFixtures.Recording published = new AlertFixtures.Recording();
    private final AlertService service =
            new AlertService(store, published, new AlertSettings(List.of(80, 100), null, null), UTC, CLOCK);

    @Test
    void afterSettle_sameLineCrossedByManyCalls_publishesOnce() {
        for (String spend : List.of("80", "81", "85", "99")) {
            service.afterSettle(SUBJECT, List.of(teamMarch(spend))).join();
        }

        assertEquals(1, published.events.size());
        assertEquals(80, published.events.get(0).threshold());
        assertEquals(1, store.recent("ml", null, 10).size());
    }

    @Test
    void afterSettle_belowEveryLine_completesAtOnceWithNothing() {
        var future = service.afterSettle(SUBJECT, List.of(teamMarch("10")));

        assertTrue(future.isDone(), "no I/O when nothing is due");
        assertTrue(future.join().isEmpty());
    }

    @Test
    void afterSettle_newWindow_firesAgain() {
        service.afterSettle(SUBJECT, List.of(teamMarch("85"))).join();
        Instant may = Instant.parse("2026-05-01T00:00:00Z");

        List<AlertEvent> april = service.afterSettle(SUBJECT, List.of(counter(TEAM_MONTH, "85", may)))
                .join();

        assertEquals(1, april.size());
        assertEquals("1mo#2026-04-01T00:00:00Z", april.get(0).windowKey());
        assertEquals(2, published.events.size());
    }

    @Test
    void afterSettle_publisherThrows_neverThrowsAndStillRecords() {
        AlertService failing = new AlertService(
                store,
                e -> {
                    throw new IllegalStateException("SNS is down");
                },
                AlertSettings.DEFAULT,
                UTC,
                CLOCK);

        List<AlertEvent> fired =
                failing.afterSettle(SUBJECT, List.of(teamMarch("100"))).join();

        assertEquals(2, fired.size(), "80% and 100%");
        assertEquals(2, store.recent(null, null, 10).size());
    }

    @Test
    void afterSettle_storeUnreachable_neverThrows_andTriesAgainNextCall() {
        AtomicInteger claims = new AtomicInteger();
        AlertStore flaky = new InMemoryAlertStore() {
            @Override
            public boolean claim(AlertEvent event) {
                if (claims.incrementAndGet() == 1) {
                    throw new IllegalStateException("DynamoDB unreachable");
                }
                return super.claim(event);
            }
        };
        AlertService service =
                new AlertService(flaky, published, new AlertSettings(List.of(80), null, null), UTC, CLOCK);

        assertTrue(service.afterSettle(SUBJECT, List.of(teamMarch("90"))).join().isEmpty());
        assertEquals(
                1, service.afterSettle(SUBJECT, List.of(teamMarch("91"))).join().size());
        assertEquals(1, published.events.size());
    }

    @Test
    void afterSettle_lineAlreadyClaimedElsewhere_notPublished_andNotClaimedAgainHere() {
        AtomicInteger claims = new AtomicInteger();
        AlertStore claimedElsewhere = new InMemoryAlertStore() {
            @Override
            public boolean claim(AlertEvent event) {
                claims.incrementAndGet();
                return false;
            }
        };
        AlertService service =
                new AlertService(claimedElsewhere, published, new AlertSettings(List.of(80), null, null), UTC, CLOCK);

        service.afterSettle(SUBJECT, List.of(teamMarch("90"))).join();
        var second = service.afterSettle(SUBJECT, List.of(teamMarch("95")));

        assertTrue(published.events.isEmpty());
        assertEquals(
                1, claims.get(), "an instance remembers a claimed line: no write per call for the rest of the window");
        assertTrue(second.isDone());
    }

    @Test
    void afterRefusal_thenHundredPercent_firesHardBudgetOnce() {
        service.afterRefusal(SUBJECT, new Shortfall(TEAM_MONTH, new BigDecimal("99.99"), APRIL))
                .join();
        service.afterSettle(SUBJECT, List.of(teamMarch("100"))).join();

        assertEquals(
                List.of(AlertType.HARD_BUDGET_REACHED, AlertType.THRESHOLD_CROSSED),
                published.events.stream().map(AlertEvent::type).toList());
    }

    @Test
    void checkExpiringKeys_firesOncePerKeyAndExpiry() {
        KeyRecord soon = AlertRulesTest.key("k1", NOW.plus(Duration.ofDays(2)), false);
        KeyRecord far = AlertRulesTest.key("k2", NOW.plus(Duration.ofDays(30)), false);

        List<AlertEvent> first = service.checkExpiringKeys(List.of(soon, far), NOW, Duration.ofDays(7));
        List<AlertEvent> again = service.checkExpiringKeys(List.of(soon, far), NOW.plusSeconds(60), Duration.ofDays(7));
        KeyRecord extended = AlertRulesTest.key("k1", NOW.plus(Duration.ofDays(5)), false);
        List<AlertEvent> afterExtension = service.checkExpiringKeys(List.of(extended), NOW, Duration.ofDays(7));

        assertEquals(List.of("k1"), first.stream().map(AlertEvent::id).toList());
        assertTrue(again.isEmpty());
        assertEquals(1, afterExtension.size(), "a new expiry time is a new alert");
    }

    @Test
    void checkExpiringKeys_defaultWarningIsSevenDays() {
        KeyRecord sixDays = AlertRulesTest.key("k1", NOW.plus(Duration.ofDays(6)), false);
        KeyRecord eightDays = AlertRulesTest.key("k2", NOW.plus(Duration.ofDays(8)), false);

        assertEquals(1, service.checkExpiringKeys(List.of(sixDays, eightDays)).size());
    }
}
