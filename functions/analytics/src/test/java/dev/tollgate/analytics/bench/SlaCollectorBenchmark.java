package dev.tollgate.analytics.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.analytics.failover.FailoverEvaluation;
import dev.tollgate.analytics.failover.FailoverRules;
import dev.tollgate.analytics.failover.JdbcFailoverStore;
import dev.tollgate.analytics.rollup.LatencyHistogram;
import dev.tollgate.analytics.sla.SlaFailoverHealthAccess;
import dev.tollgate.analytics.sla.SlaService;
import dev.tollgate.analytics.sla.SlaStore;
import dev.tollgate.analytics.testing.PgContext;
import dev.tollgate.gateway.failover.InMemoryActiveFailovers;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The SLA collector benchmark of docs/benchmarks.md (not part of the default test run: the class name does not
 * end in Test): 24 hours of five-minute {@code health_5min} rows for 50 models on 5 providers (14,400 rows,
 * each with sparse latency and TTFT histograms of a few hundred calls), three SLA definitions (15-minute,
 * 1-hour and 24-hour windows, every target) and ten failover rules; times {@link SlaService#collect(Instant)}
 * (violations and failovers) on embedded PostgreSQL. Prints {@code sla-bench} lines.
 */
class SlaCollectorBenchmark {
    private static final int MODELS = 50;
    private static final int BUCKETS = 24 * 12;
    private static final int RUNS = 20;
    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void collectorRun_over24HoursOf5MinuteRollupsFor50Models() throws Exception {
        try (PgContext pg = PgContext.start()) {
            TransactionOperations<Connection> tx = pg.tx();
            long rows = load(tx);
            Instant now = START.plus(Duration.ofDays(1)).plusSeconds(60);
            Clock clock = Clock.fixed(now, ZoneOffset.UTC);
            List<String> models = IntStream.range(0, MODELS)
                    .mapToObj(SlaCollectorBenchmark::model)
                    .toList();
            JdbcFailoverStore failoverStore = new JdbcFailoverStore(tx);
            FailoverRules rules = new FailoverRules(failoverStore, () -> models, clock);
            for (int i = 0; i < 10; i++) {
                rules.create(JSON.readTree("{\"primary_model\":\"" + model(i) + "\",\"fallback_model\":\""
                        + model(i + 25) + "\",\"trigger_condition\":\"error_rate\",\"trigger_threshold\":0.5}"));
            }
            SlaService sla = new SlaService(
                    new SlaStore(tx),
                    clock,
                    (type, v) -> {},
                    new FailoverEvaluation(
                            failoverStore,
                            SlaFailoverHealthAccess.of(tx),
                            new InMemoryActiveFailovers(),
                            (type, rule, reason) -> {}));
            sla.create(JSON.readTree("{\"name\":\"all-15m\",\"model_pattern\":\"*\",\"target_p95_ms\":2000,"
                    + "\"target_error_rate\":0.05,\"target_availability\":0.99}"));
            sla.create(JSON.readTree("{\"name\":\"group-1h\",\"model_pattern\":\"model-1*\",\"target_p50_ms\":800,"
                    + "\"target_p99_ms\":4000,\"target_error_rate\":0.02,\"evaluation_window_minutes\":60}"));
            sla.create(JSON.readTree("{\"name\":\"all-24h\",\"model_pattern\":\"*\",\"target_p50_ms\":900,"
                    + "\"target_p95_ms\":2500,\"target_p99_ms\":5000,\"target_error_rate\":0.03,"
                    + "\"target_availability\":0.995,\"evaluation_window_minutes\":1440}"));
            for (int i = 0; i < 3; i++) {
                sla.collect(now); // warm-up (JIT, PostgreSQL caches)
            }
            long[] ms = new long[RUNS];
            SlaService.Run last = null;
            for (int i = 0; i < RUNS; i++) {
                long t = System.nanoTime();
                last = sla.collect(now);
                ms[i] = (System.nanoTime() - t) / 1_000_000;
            }
            Arrays.sort(ms);
            SlaStore store = new SlaStore(tx);
            long t = System.nanoTime();
            store.health(now.minus(Duration.ofDays(1)), now, null, false);
            System.out.println(
                    "sla-bench one 24-hour health read (14,400 rows) ms: " + (System.nanoTime() - t) / 1_000_000);
            System.out.println("sla-bench rows=" + rows + " models=" + MODELS + " buckets/model=" + BUCKETS
                    + " definitions=3 failover_rules=10 evaluated/run=" + last.evaluated());
            System.out.println("sla-bench collect ms: min=" + ms[0] + " p50=" + ms[RUNS / 2] + " max=" + ms[RUNS - 1]);
            assertTrue(ms[RUNS / 2] < 1000, "a collector run must take well under a second: p50 " + ms[RUNS / 2]);
        }
    }

    private static String model(int i) {
        return "model-" + i;
    }

    /** 50 models × 288 buckets, a few hundred calls each, about 1% of them failing. */
    private static long load(TransactionOperations<Connection> tx) {
        Random random = new Random(13);
        return tx.executeWrite(status -> {
            try (PreparedStatement s = status.getConnection()
                    .prepareStatement("INSERT INTO health_5min (bucket_start, provider, model, requests, errors_server,"
                            + " errors_timeout, errors_connection, errors_client, latency_ms_sum, latency_hist,"
                            + " ttft_count, ttft_hist) VALUES (?, ?, ?, ?, ?, 0, 0, ?, ?, ?::jsonb, ?, ?::jsonb)")) {
                long rows = 0;
                for (int m = 0; m < MODELS; m++) {
                    for (int b = 0; b < BUCKETS; b++) {
                        int requests = 200 + random.nextInt(200);
                        LatencyHistogram latency = new LatencyHistogram();
                        LatencyHistogram ttft = new LatencyHistogram();
                        long sum = 0;
                        for (int c = 0; c < requests; c++) {
                            long l = Math.max(1, Math.round(Math.exp(6.7 + 0.6 * random.nextGaussian())));
                            latency.add(l);
                            ttft.add(Math.max(1, l / 4));
                            sum += l;
                        }
                        s.setTimestamp(1, Timestamp.from(START.plus(Duration.ofMinutes(5L * b))));
                        s.setString(2, "provider-" + (m % 5));
                        s.setString(3, model(m));
                        s.setLong(4, requests);
                        s.setLong(5, random.nextInt(requests / 50 + 1));
                        s.setLong(6, random.nextInt(3));
                        s.setLong(7, sum);
                        s.setString(8, latency.toJson());
                        s.setLong(9, requests);
                        s.setString(10, ttft.toJson());
                        s.addBatch();
                        rows++;
                    }
                    s.executeBatch();
                }
                return rows;
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
