package dev.tollgate.analytics.failover;

import static dev.tollgate.analytics.testing.Calls.call;
import static dev.tollgate.analytics.testing.Calls.failed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.analytics.rollup.JdbcRollupStore;
import dev.tollgate.analytics.sla.SlaFailoverHealthAccess;
import dev.tollgate.analytics.testing.PgContext;
import dev.tollgate.gateway.failover.ActiveFailover;
import dev.tollgate.gateway.failover.InMemoryActiveFailovers;
import dev.tollgate.gateway.spendlog.SpendLogRecord;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The failover step of the collector on embedded PostgreSQL, health folded by the rollups. */
class FailoverEvaluationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");
    private static final AtomicInteger IDS = new AtomicInteger();

    @RegisterExtension
    static final PgContext PG = new PgContext();

    private static TransactionOperations<Connection> tx;
    private static JdbcRollupStore rollups;
    private static FailoverRules rules;
    private static FailoverEvaluation evaluation;
    private static final InMemoryActiveFailovers PUBLISHED = new InMemoryActiveFailovers();
    private static final List<String> ALERTS = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        tx = PG.tx();
        rollups = new JdbcRollupStore(tx, ZoneOffset.UTC);
        JdbcFailoverStore store = new JdbcFailoverStore(tx);
        rules = new FailoverRules(store, () -> List.of("gpt-4o", "claude-haiku"), Clock.fixed(T0, ZoneOffset.UTC));
        evaluation = new FailoverEvaluation(
                store,
                SlaFailoverHealthAccess.of(tx),
                PUBLISHED,
                (type, rule, reason) -> ALERTS.add(type + " " + rule.primaryModel()));
    }

    @BeforeEach
    void empty() {
        ALERTS.clear();
        PG.truncate("failover_rule, health_5min, rollup_daily, rollup_user_daily, rollup_user_monthly,"
                + " ingested_object");
    }

    /** {@code n} calls to {@code model} in the bucket at {@code start}, {@code failures} of them 500s. */
    private static void calls(Instant start, String model, int n, int failures) {
        List<SpendLogRecord> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            SpendLogRecord ok = call("r" + IDS.incrementAndGet(), start.plusSeconds(i), "t", "u", "0.001").toBuilder()
                    .model(model)
                    .build();
            lines.add(i < failures ? failed(ok, 500, 300) : ok);
        }
        rollups.fold("spend-logs/" + IDS.incrementAndGet() + ".json.gz", lines);
    }

    /** {@code n} calls to {@code model} on {@code provider} in the bucket at {@code start}, {@code failures} 500s. */
    private static void calls(Instant start, String provider, String model, int n, int failures) {
        List<SpendLogRecord> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            SpendLogRecord ok = call("r" + IDS.incrementAndGet(), start.plusSeconds(i), "t", "u", "0.001").toBuilder()
                    .model(model)
                    .provider(provider)
                    .build();
            lines.add(i < failures ? failed(ok, 500, 300) : ok);
        }
        rollups.fold("spend-logs/" + IDS.incrementAndGet() + ".json.gz", lines);
    }

    private static FailoverEvaluation.Result run(Instant now) {
        long minute = now.getEpochSecond() / 60;
        return evaluation.run(now, Instant.ofEpochSecond((minute - Math.floorMod(minute, 5)) * 60));
    }

    @Test
    void errorRate_activatesOnce_extendsWhileUnhealthy_endsWhenProbesAreHealthy() throws Exception {
        String id = (String) rules.create(JSON.readTree("{\"primary_model\":\"gpt-4o\",\"fallback_model\":"
                        + "\"claude-haiku\",\"trigger_condition\":\"error_rate\",\"trigger_threshold\":0.2,"
                        + "\"cooldown_minutes\":10}"))
                .get("id");
        calls(T0, "gpt-4o", 10, 5); // 10:00: half fail

        // GIVEN a run at 10:06 (bucket 10:00 complete) WHEN it evaluates THEN it activates, one alert, published
        assertEquals(1, run(T0.plus(Duration.ofMinutes(6))).activated());
        assertEquals(List.of("failover_activated gpt-4o"), ALERTS);
        List<ActiveFailover> published = PUBLISHED.current();
        assertEquals(1, published.size());
        assertEquals(id, published.get(0).ruleId());
        assertEquals("claude-haiku", published.get(0).fallbackModel());
        assertEquals(T0.plus(Duration.ofMinutes(16)), published.get(0).until());

        // a run inside the cooldown changes nothing and alerts nothing
        FailoverEvaluation.Result inside = run(T0.plus(Duration.ofMinutes(11)));
        assertEquals(0, inside.activated() + inside.extended() + inside.ended());
        assertEquals(1, inside.active());

        // probes during the cooldown still fail (10:10 bucket): extended, one alert
        calls(T0.plus(Duration.ofMinutes(10)), "gpt-4o", 4, 4);
        assertEquals(1, run(T0.plus(Duration.ofMinutes(16))).extended());
        assertEquals(List.of("failover_activated gpt-4o", "failover_extended gpt-4o"), ALERTS);
        assertEquals(T0.plus(Duration.ofMinutes(26)), PUBLISHED.current().get(0).until());

        // healthy probes since the extension (10:20): ended, one alert, nothing published
        calls(T0.plus(Duration.ofMinutes(20)), "gpt-4o", 4, 0);
        assertEquals(1, run(T0.plus(Duration.ofMinutes(26))).ended());
        assertEquals(3, ALERTS.size());
        assertEquals("failover_ended gpt-4o", ALERTS.get(2));
        assertTrue(PUBLISHED.current().isEmpty());
        assertEquals("inactive", rules.get(id).get("status"));

        // the failing buckets from before the end do not start it again
        assertEquals(0, run(T0.plus(Duration.ofMinutes(31))).activated());
        assertEquals(3, ALERTS.size());
    }

    @Test
    void availability_judgesOneBucketOfEveryProviderTogether() throws Exception {
        // GIVEN one bucket where openai's 10 calls all fail but azure's 100 succeed: 10 of 110 failed, so it is up
        calls(T0, "openai", "gpt-4o", 10, 10);
        calls(T0, "azure", "gpt-4o", 100, 0);
        PrimaryHealth health = SlaFailoverHealthAccess.of(tx);
        Instant end = T0.plus(Duration.ofMinutes(5));
        assertEquals(1.0, health.observed("gpt-4o", FailoverTrigger.AVAILABILITY, T0, end));
        assertEquals(10 / 110.0, health.observed("gpt-4o", FailoverTrigger.ERROR_RATE, T0, end), 1e-9);

        // WHEN an availability rule is evaluated THEN it does not fire (not 1 bucket of 2 down: 0.5)
        rules.create(JSON.readTree("{\"primary_model\":\"gpt-4o\",\"fallback_model\":\"claude-haiku\","
                + "\"trigger_condition\":\"availability\",\"trigger_threshold\":0.99}"));
        assertEquals(0, run(T0.plus(Duration.ofMinutes(6))).activated());
        assertTrue(ALERTS.isEmpty());

        // a bucket where most of the calls on every provider together failed is down: 1 of 2 buckets up
        calls(T0.plus(Duration.ofMinutes(5)), "openai", "gpt-4o", 10, 10);
        calls(T0.plus(Duration.ofMinutes(5)), "azure", "gpt-4o", 4, 0);
        assertEquals(0.5, health.observed("gpt-4o", FailoverTrigger.AVAILABILITY, T0, T0.plus(Duration.ofMinutes(10))));
    }

    @Test
    void noCallsToThePrimaryDuringTheCooldown_endsTheFailover() throws Exception {
        rules.create(JSON.readTree("{\"primary_model\":\"gpt-4o\",\"fallback_model\":\"claude-haiku\","
                + "\"trigger_condition\":\"latency_p95\",\"trigger_threshold\":100,\"cooldown_minutes\":5}"));
        calls(T0, "gpt-4o", 5, 5); // failed calls took 300 ms
        assertEquals(1, run(T0.plus(Duration.ofMinutes(5))).activated());
        assertEquals(1, run(T0.plus(Duration.ofMinutes(10))).ended());
        assertEquals(List.of("failover_activated gpt-4o", "failover_ended gpt-4o"), ALERTS);
    }

    @Test
    void aDeletedActiveRule_isUnpublishedAtTheNextRun() throws Exception {
        String id = (String) rules.create(JSON.readTree("{\"primary_model\":\"gpt-4o\",\"fallback_model\":"
                        + "\"claude-haiku\",\"trigger_condition\":\"availability\",\"trigger_threshold\":0.99}"))
                .get("id");
        calls(T0, "gpt-4o", 4, 4);
        run(T0.plus(Duration.ofMinutes(5)));
        assertEquals(1, PUBLISHED.current().size());
        rules.delete(id);
        run(T0.plus(Duration.ofMinutes(10)));
        assertTrue(PUBLISHED.current().isEmpty());
    }
}
