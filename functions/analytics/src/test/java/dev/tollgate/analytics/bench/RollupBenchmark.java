package dev.tollgate.analytics.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.analytics.report.CostReports;
import dev.tollgate.analytics.report.Deflated;
import dev.tollgate.analytics.report.GzipAnswer;
import dev.tollgate.analytics.report.JdbcDayFragments;
import dev.tollgate.analytics.report.JdbcRollupReader;
import dev.tollgate.analytics.report.LiteLlmReports;
import dev.tollgate.analytics.report.LiteLlmReports.SpendFilters;
import dev.tollgate.analytics.rollup.JdbcRollupStore;
import dev.tollgate.gateway.spendlog.SpendLogRecord;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The rollup benchmark of docs/benchmarks.md (not a test): folds N generated spend-log lines (90 days,
 * 10,000 keys, 100 teams, 30 models, 200 tags) through the rollup path in objects of 1,000 lines, then
 * times the 90-day spend report by team (all teams, and one team) and a monthly cost report on embedded PostgreSQL.
 *
 * <p>Run: see docs/benchmarks.md ("Rollups and reports"). Arguments: lines (default 5,000,000), runs per report (20).
 */
public final class RollupBenchmark {
    private static final int DAYS = 90;
    private static final int KEYS = 10_000;
    private static final int TEAMS = 100;
    private static final int MODELS = 30;
    private static final int TAGS = 200;
    private static final int OBJECT_LINES = 1_000;
    private static final LocalDate FIRST_DAY = LocalDate.of(2026, 9, 1);
    /** {@code -Duniform=true}: every key, model and tag equally likely on every call (the worst case). */
    private static final boolean UNIFORM = Boolean.getBoolean("uniform");

    private RollupBenchmark() {}

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        long lines = args.length > 0 ? Long.parseLong(args[0]) : 5_000_000L;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        // -Dpgdir=DIR keeps the database: a second run with the same DIR skips the fold and times the reports
        String keep = System.getProperty("pgdir");
        Path dir = keep == null ? Files.createTempDirectory("tollgate-bench-pg") : Path.of(keep);
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder()
                        .setDataDirectory(dir)
                        .setCleanDataDirectory(keep == null)
                        .setServerConfig("shared_buffers", "512MB")
                        .setServerConfig("synchronous_commit", "off")
                        .start();
                ApplicationContext context = ApplicationContext.run(Map.of(
                        "datasources.default.url",
                                pg.getJdbcUrl("postgres", "postgres") + "&reWriteBatchedInserts=true",
                        "datasources.default.username", "postgres",
                        "datasources.default.password", "postgres",
                        "datasources.default.driver-class-name", "org.postgresql.Driver",
                        "datasources.default.dialect", "POSTGRES"))) {
            TransactionOperations<Connection> tx = context.getBean(TransactionOperations.class);
            JdbcOperations jdbc = context.getBean(JdbcOperations.class);
            JdbcRollupStore store = new JdbcRollupStore(tx, ZoneOffset.UTC);

            long folded = count(tx, jdbc, "SELECT count(*) FROM ingested_object");
            if (folded > 0) {
                System.out.printf("%,d objects folded before: timing the reports only%n", folded);
                lines = 0;
            }
            Random random = new Random(42);
            long start = System.nanoTime();
            BigDecimal total = BigDecimal.ZERO;
            long secondsPerLine = DAYS * 86_400L * 1_000L / Math.max(1, lines); // ms between lines
            List<SpendLogRecord> object = new ArrayList<>(OBJECT_LINES);
            int objects = 0;
            for (long i = 0; i < lines; i++) {
                SpendLogRecord r = line(
                        i, FIRST_DAY.atStartOfDay().toInstant(ZoneOffset.UTC).plusMillis(i * secondsPerLine), random);
                total = total.add(r.cost());
                object.add(r);
                if (object.size() == OBJECT_LINES) {
                    store.fold("spend-logs/bench/" + objects++ + ".json.gz", object);
                    object = new ArrayList<>(OBJECT_LINES);
                }
                if (i > 0 && i % 500_000 == 0) {
                    System.out.printf("  %,d lines, %.0f lines/s%n", i, i / ((System.nanoTime() - start) / 1e9));
                }
            }
            if (lines > 0 && !object.isEmpty()) {
                store.fold("spend-logs/bench/" + objects + ".json.gz", object);
            }
            double foldSeconds = (System.nanoTime() - start) / 1e9;
            double rate = lines / foldSeconds;
            tx.executeWrite(s -> jdbc.prepareStatement("ANALYZE", p -> p.execute()));
            System.out.printf(
                    "folded %,d lines in %,d objects in %.1f s: %,.0f lines/s; cost %s%n",
                    lines, objects, foldSeconds, rate, total.toPlainString());
            for (String table : List.of(
                    "rollup_daily",
                    "rollup_daily WHERE tag = '*'",
                    "rollup_user_daily",
                    "rollup_user_monthly",
                    "rollup_team_monthly",
                    "rollup_member_monthly",
                    "rollup_key_daily",
                    "rollup_team_daily",
                    "rollup_member_daily",
                    "health_5min")) {
                System.out.printf("  rows %s: %,d%n", table, count(tx, jdbc, "SELECT count(*) FROM " + table));
            }
            if (Boolean.getBoolean("explain")) {
                explain(tx, jdbc);
            }
            JdbcRollupReader reader = new JdbcRollupReader(tx, jdbc);
            ObjectMapper mapper = context.getBean(ObjectMapper.class);
            LiteLlmReports liteLlm = new LiteLlmReports(reader, ZoneOffset.UTC, new JdbcDayFragments(tx), mapper);
            CostReports cost = new CostReports(reader);
            LocalDate last = FIRST_DAY.plusDays(DAYS - 1);
            // every team report below is written out in full (to a counting sink), as the HTTP layer writes it
            time(
                    "GET /global/spend/report?group_by=team (90 days), built from the rollups and written",
                    Integer.getInteger("team.runs", Math.min(runs, 5)), // seconds a run at 5M lines
                    () -> write(mapper, liteLlm.spendReport(FIRST_DAY, last, "team")));
            for (int i = 0; i < Integer.getInteger("team.runs", Math.min(runs, 5)); i++) {
                tx.executeWrite(s -> jdbc.prepareStatement("DELETE FROM report_fragment", p -> p.executeUpdate()));
                long t = System.nanoTime();
                long bytes = gzip(liteLlm.storedSpendReport(FIRST_DAY, last, "team", SpendFilters.NONE));
                System.out.printf(
                        "GET /global/spend/report?group_by=team (90 days), no day stored (cold: builds and stores"
                                + " all 90): %d ms, %,d bytes gzipped%n",
                        (System.nanoTime() - t) / 1_000_000, bytes);
            }
            long[] sizes = new long[2];
            time(
                    "GET /global/spend/report?group_by=team (90 days), stored days, sent gzipped",
                    runs,
                    () -> sizes[0] = gzip(liteLlm.storedSpendReport(FIRST_DAY, last, "team", SpendFilters.NONE)));
            time(
                    "GET /global/spend/report?group_by=team (90 days), stored days, sent inflated",
                    runs,
                    () -> sizes[1] = plain(liteLlm.storedSpendReport(FIRST_DAY, last, "team", SpendFilters.NONE)));
            System.out.printf("  answer: %,d bytes of JSON, %,d bytes gzipped%n", sizes[1], sizes[0]);
            tx.executeWrite(s -> jdbc.prepareStatement(
                    "INSERT INTO rollup_day_version (day, version) VALUES (?, 1) ON CONFLICT (day)"
                            + " DO UPDATE SET version = rollup_day_version.version + 1",
                    p -> {
                        p.setObject(1, last);
                        return p.executeUpdate();
                    }));
            time(
                    "GET /global/spend/report?group_by=team (90 days), 89 days stored, today's folded since"
                            + " (each run rebuilds it: its version is moved on before every run), gzipped",
                    runs,
                    () -> {
                        tx.executeWrite(s -> jdbc.prepareStatement(
                                "UPDATE rollup_day_version SET version = version + 1 WHERE day = ?", p -> {
                                    p.setObject(1, last);
                                    return p.executeUpdate();
                                }));
                        gzip(liteLlm.storedSpendReport(FIRST_DAY, last, "team", SpendFilters.NONE));
                    });
            time(
                    "GET /global/spend/report?group_by=team&team_id=team-7 (90 days)",
                    runs,
                    () -> liteLlm.spendReport(
                            FIRST_DAY, last, "team", new LiteLlmReports.SpendFilters("team-7", null, null, null)));
            String key7 = String.format("%064x", 7);
            time(
                    "GET /global/spend/report?api_key=<key 7> (90 days, LiteLLM's per-key shape)",
                    runs,
                    () -> write(
                            mapper,
                            liteLlm.spendReport(FIRST_DAY, last, "team", new SpendFilters(null, key7, null, null))));
            time(
                    "GET /api/v1/reports/cost?period=monthly (month to date, today = the last day)",
                    runs,
                    () -> cost.cost(
                            "monthly", last.withDayOfMonth(1), last, new CostReports.Filters(null, null, null), last));
            time(
                    "GET /api/v1/reports/cost?period=custom (the last 30 days)",
                    runs,
                    () -> cost.cost(
                            "custom", last.minusDays(29), last, new CostReports.Filters(null, null, null), last));
            time(
                    "GET /api/v1/reports/cost?team_id=team-7 (90 days)",
                    runs,
                    () -> cost.cost("custom", FIRST_DAY, last, new CostReports.Filters("team-7", null, null)));
        }
    }

    /** {@code -Dexplain=true}: EXPLAIN ANALYZE of the team report's query and the monthly user breakdown's. */
    private static void explain(TransactionOperations<Connection> tx, JdbcOperations jdbc) {
        String sums = "sum(requests), sum(successes), sum(errors), sum(prompt_tokens), sum(completion_tokens),"
                + " sum(cache_read_tokens), sum(cache_write_tokens), sum(reasoning_tokens), sum(total_tokens), sum(cost),"
                + " sum(cache_read_cost), sum(cache_write_cost)";
        LocalDate last = FIRST_DAY.plusDays(DAYS - 1);
        List<String> queries = List.of(
                "SELECT day, team_id, key_hash, model, " + sums + " FROM rollup_key_daily WHERE day BETWEEN '"
                        + FIRST_DAY + "' AND '" + last + "' GROUP BY day, team_id, key_hash, model"
                        + " ORDER BY day, team_id, key_hash, model",
                "SELECT user_id, " + sums + " FROM (SELECT user_id, requests, successes, errors, prompt_tokens,"
                        + " completion_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens, total_tokens, cost,"
                        + " cache_read_cost, cache_write_cost FROM rollup_member_monthly WHERE month >= '"
                        + last.withDayOfMonth(1) + "' AND month <= '" + last.withDayOfMonth(1) + "') AS c"
                        + " GROUP BY user_id ORDER BY user_id");
        for (String sql : queries) {
            tx.executeRead(s -> {
                try (var st = s.getConnection().createStatement()) {
                    st.execute("SET LOCAL work_mem = '64MB'");
                    var rs = st.executeQuery("EXPLAIN (ANALYZE, BUFFERS) " + sql);
                    System.out.println("EXPLAIN " + sql.substring(0, 60) + "…");
                    while (rs.next()) {
                        System.out.println("  " + rs.getString(1));
                    }
                }
                return null;
            });
        }
    }

    private static long count(TransactionOperations<Connection> tx, JdbcOperations jdbc, String sql) {
        return tx.executeRead(s -> jdbc.prepareStatement(sql, p -> {
            var rs = p.executeQuery();
            rs.next();
            return rs.getLong(1);
        }));
    }

    /** The bytes a JSON answer takes, written by the HTTP layer's mapper. */
    private static long write(ObjectMapper mapper, Object answer) {
        return sunk(out -> mapper.writeValue(out, answer));
    }

    private static long gzip(List<Deflated> pieces) {
        return sunk(out -> GzipAnswer.writeGzip(pieces, out));
    }

    private static long plain(List<Deflated> pieces) {
        return sunk(out -> GzipAnswer.writeIdentity(pieces, out));
    }

    private interface Writing {
        void to(java.io.OutputStream out) throws java.io.IOException;
    }

    /** The bytes {@code writing} writes. */
    private static long sunk(Writing writing) {
        CountingSink sink = new CountingSink();
        try {
            writing.to(sink);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return sink.bytes;
    }

    /** Counts what is written and keeps none of it. */
    private static final class CountingSink extends java.io.OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }

    private static void time(String name, int runs, Runnable report) {
        report.run(); // warm
        long[] ms = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            report.run();
            ms[i] = (System.nanoTime() - t) / 1_000_000;
        }
        Arrays.sort(ms);
        System.out.printf(
                "%s: p50 %d ms, p95 %d ms, max %d ms (%d runs)%n",
                name, ms[runs / 2], ms[(int) Math.ceil(runs * 0.95) - 1], ms[runs - 1], runs);
    }

    /** Key activity: Zipf-like (key k has weight 1/(k+1)), as real traffic concentrates on a few keys. */
    private static final double[] KEY_CDF = zipf(KEYS);

    private static double[] zipf(int n) {
        double[] cdf = new double[n];
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += 1.0 / (k + 1);
            cdf[k] = sum;
        }
        for (int k = 0; k < n; k++) {
            cdf[k] /= sum;
        }
        return cdf;
    }

    private static SpendLogRecord line(long i, Instant start, Random random) {
        int key = UNIFORM
                ? random.nextInt(KEYS)
                : Math.min(KEYS - 1, -Arrays.binarySearch(KEY_CDF, random.nextDouble()) - 1);
        // each key mostly calls its own two models (90%), sometimes any of the 30
        int model =
                UNIFORM || random.nextInt(10) == 0 ? random.nextInt(MODELS) : (key * 7 + random.nextInt(2)) % MODELS;
        // tags: the key's own tag (keys carry tags) and, on a fifth of calls, one request tag
        List<String> tagList = new ArrayList<>(2);
        tagList.add("tag-" + (key % TAGS));
        if (random.nextInt(5) == 0) {
            tagList.add("tag-" + random.nextInt(TAGS));
        }
        long prompt = 200 + random.nextInt(2_000);
        long completion = 20 + random.nextInt(800);
        boolean failed = random.nextInt(50) == 0;
        return SpendLogRecord.builder()
                .requestId("r" + i)
                .callType(SpendLogRecord.CHAT_COMPLETION)
                .startTime(start)
                .endTime(start.plusMillis(300 + random.nextInt(3_000)))
                .requestedModel("model-" + model)
                .model("model-" + model)
                .provider(model % 3 == 0 ? "anthropic" : model % 3 == 1 ? "openai" : "bedrock")
                .keyHash(String.format("%064x", key))
                .keyAlias("key-" + key)
                .userId("user-" + (key % 2_000))
                .teamId("team-" + (key % TEAMS))
                .tags(tagList)
                .tokens(failed ? 0 : prompt, failed ? 0 : completion, 0, 0, 0)
                .cost(
                        failed
                                ? BigDecimal.ZERO
                                : BigDecimal.valueOf(prompt * (model + 1) * 10 + completion * (model + 1) * 40, 9))
                .status(failed ? 502 : 200)
                .build();
    }
}
