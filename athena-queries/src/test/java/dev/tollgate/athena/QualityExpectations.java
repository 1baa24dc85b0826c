package dev.tollgate.athena;

import static dev.tollgate.athena.Calls.count;
import static dev.tollgate.athena.Calls.money;
import static dev.tollgate.athena.Calls.round6;
import static dev.tollgate.athena.Calls.spend;
import static dev.tollgate.athena.Calls.sum;

import dev.tollgate.gateway.spendlog.SpendLogRecord;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** Expectations of the cache, provider SLA, chargeback and estimated-usage queries. */
final class QualityExpectations {
    private QualityExpectations() {}

    static void register(Map<String, Expectation> all) {
        all.put(
                "cache_savings.sql",
                new Expectation(Expectation.ALL, rs -> cacheSavings(SpendExpectations.in(rs, Expectation.ALL))));
        all.put(
                "provider_latency_and_availability.sql",
                new Expectation(Expectation.MAY, rs -> latency(SpendExpectations.in(rs, Expectation.MAY))));
        all.put(
                "chargeback_by_team_and_tag.sql",
                new Expectation(Expectation.MAY, rs -> chargeback(SpendExpectations.in(rs, Expectation.MAY))));
        all.put(
                "estimated_usage_share.sql",
                new Expectation(
                        Expectation.MONTH_TURN,
                        rs -> estimatedShare(SpendExpectations.in(rs, Expectation.MONTH_TURN))));
    }

    private static List<List<Object>> cacheSavings(List<SpendLogRecord> rs) {
        List<List<Object>> rows = new ArrayList<>();
        List<SpendLogRecord> cached = rs.stream()
                .filter(r -> r.cacheReadTokens() > 0 || r.cacheWriteTokens() > 0)
                .toList();
        Calls.groupBy(cached, SpendLogRecord::model, "(none)").forEach((model, g) -> {
            BigDecimal readCost = money(g, SpendLogRecord::cacheReadCost);
            BigDecimal readUncached = money(g, SpendLogRecord::cacheReadUncachedCost);
            BigDecimal premium =
                    money(g, SpendLogRecord::cacheWriteCost).subtract(money(g, SpendLogRecord::cacheWriteUncachedCost));
            BigDecimal savings = readUncached.subtract(readCost);
            rows.add(Arrays.asList(
                    model,
                    (long) g.size(),
                    sum(g, SpendLogRecord::cacheReadTokens),
                    sum(g, SpendLogRecord::cacheWriteTokens),
                    readCost,
                    readUncached,
                    savings,
                    premium,
                    savings.subtract(premium)));
        });
        return Calls.bySpendThenKey(rows, 8, 0);
    }

    private static List<List<Object>> latency(List<SpendLogRecord> rs) {
        List<List<Object>> rows = new ArrayList<>();
        List<SpendLogRecord> called =
                rs.stream().filter(SpendLogRecord::upstreamCalled).toList();
        Calls.groupBy(called, r -> r.provider() + "\u0000" + r.model(), null).forEach((key, g) -> {
            long n = g.size();
            long errors = count(g, r -> r.status() >= 400);
            long failures = count(g, r -> r.status() >= 500);
            List<Long> durations = g.stream()
                    .filter(r -> r.status() < 400)
                    .map(SpendLogRecord::durationMs)
                    .toList();
            List<Long> ttfts = g.stream()
                    .filter(r -> r.status() < 400 && r.stream())
                    .map(SpendLogRecord::timeToFirstTokenMs)
                    .filter(Objects::nonNull)
                    .toList();
            rows.add(Arrays.asList(
                    key.substring(0, key.indexOf('\u0000')),
                    key.substring(key.indexOf('\u0000') + 1),
                    n,
                    count(g, r -> r.status() < 400),
                    failures,
                    round6((double) errors / n),
                    round6(1 - (double) failures / n),
                    new Percentile(durations, 0.50),
                    new Percentile(durations, 0.95),
                    new Percentile(durations, 0.99),
                    new Percentile(ttfts, 0.50),
                    new Percentile(ttfts, 0.95)));
        });
        return rows;
    }

    private static List<List<Object>> chargeback(List<SpendLogRecord> rs) {
        Map<String, List<Object[]>> byTeamAndTag = new TreeMap<>();
        for (SpendLogRecord r : rs) {
            List<String> tags = r.tags().isEmpty() ? List.of("(untagged)") : r.tags();
            BigDecimal share = r.tags().isEmpty()
                    ? r.cost()
                    : r.cost().divide(BigDecimal.valueOf(tags.size()), 12, RoundingMode.HALF_UP);
            for (String tag : tags) {
                String team = r.teamId() == null ? "(none)" : r.teamId();
                byTeamAndTag
                        .computeIfAbsent(team + "\u0000" + tag, k -> new ArrayList<>())
                        .add(new Object[] {r, share});
            }
        }
        List<List<Object>> rows = new ArrayList<>();
        byTeamAndTag.forEach((key, g) -> rows.add(Arrays.asList(
                key.substring(0, key.indexOf('\u0000')),
                key.substring(key.indexOf('\u0000') + 1),
                (long) g.size(),
                g.stream().mapToLong(x -> ((SpendLogRecord) x[0]).totalTokens()).sum(),
                g.stream().map(x -> (BigDecimal) x[1]).reduce(BigDecimal.ZERO, BigDecimal::add))));
        rows.sort(Comparator.<List<Object>, String>comparing(r -> (String) r.get(0))
                .thenComparing(Comparator.<List<Object>, BigDecimal>comparing(r -> (BigDecimal) r.get(4))
                        .reversed())
                .thenComparing(r -> (String) r.get(1)));
        return rows;
    }

    private static List<List<Object>> estimatedShare(List<SpendLogRecord> rs) {
        List<List<Object>> rows = new ArrayList<>();
        List<SpendLogRecord> called =
                rs.stream().filter(SpendLogRecord::upstreamCalled).toList();
        Calls.groupBy(called, r -> r.provider() + "\u0000" + r.model(), null).forEach((key, g) -> {
            long estimated = count(g, SpendLogRecord::usageEstimated);
            rows.add(Arrays.asList(
                    key.substring(0, key.indexOf('\u0000')),
                    key.substring(key.indexOf('\u0000') + 1),
                    (long) g.size(),
                    estimated,
                    round6((double) estimated / g.size()),
                    spend(g),
                    spend(g.stream().filter(SpendLogRecord::usageEstimated).toList())));
        });
        return rows;
    }

    /**
     * An approximate percentile as Trino's {@code approx_percentile} gives it: a value whose rank among
     * the exact values is within 1% (its documented accuracy) plus one of the requested rank; null when
     * there are no values.
     */
    record Percentile(List<Long> values, double quantile) implements Rows.Cell {
        Percentile {
            values = values.stream().sorted().toList();
        }

        @Override
        public boolean matches(Object actual) {
            if (values.isEmpty() || actual == null) {
                return values.isEmpty() && actual == null;
            }
            long v = ((Number) actual).longValue();
            long below = values.stream().filter(x -> x < v).count();
            long atOrBelow = values.stream().filter(x -> x <= v).count();
            double target = quantile * values.size();
            double tolerance = 0.01 * values.size() + 1;
            return below - tolerance <= target && target <= atOrBelow + tolerance;
        }

        @Override
        public String toString() {
            return values.isEmpty()
                    ? "null (no values)"
                    : "~p" + Math.round(quantile * 100) + " of " + values.size() + " values (exact "
                            + values.get((int) Math.min(values.size() - 1, Math.floor(quantile * values.size()))) + ")";
        }
    }
}
