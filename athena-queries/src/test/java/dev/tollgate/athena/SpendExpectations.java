package dev.tollgate.athena;

import static dev.tollgate.athena.Calls.between;
import static dev.tollgate.athena.Calls.count;
import static dev.tollgate.athena.Calls.spend;
import static dev.tollgate.athena.Calls.sum;

import dev.tollgate.gateway.spendlog.SpendLogRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/** Expectations of the spend-by-dimension and top-N queries. */
final class SpendExpectations {
    private SpendExpectations() {}

    static void register(Map<String, Expectation> all) {
        all.put(
                "spend_by_team.sql",
                new Expectation(Expectation.ALL, rs -> spendBy(in(rs, Expectation.ALL), SpendLogRecord::teamId)));
        all.put(
                "spend_by_user.sql",
                new Expectation(Expectation.MAY, rs -> spendBy(in(rs, Expectation.MAY), SpendLogRecord::userId)));
        all.put(
                "spend_by_provider.sql",
                new Expectation(Expectation.ALL, rs -> spendBy(in(rs, Expectation.ALL), SpendLogRecord::provider)));
        all.put(
                "spend_by_key.sql",
                new Expectation(Expectation.MONTH_TURN, rs -> spendByKey(in(rs, Expectation.MONTH_TURN))));
        all.put("spend_by_model.sql", new Expectation(Expectation.MAY, rs -> spendByModel(in(rs, Expectation.MAY))));
        all.put(
                "spend_by_tag.sql",
                new Expectation(Expectation.MONTH_TURN, rs -> spendByTag(in(rs, Expectation.MONTH_TURN))));
        all.put(
                "spend_by_client_and_user.sql",
                new Expectation(Expectation.MAY, rs -> spendByClientAndUser(in(rs, Expectation.MAY))));
        List<Object> topKeys = List.of("2025-05-29", "2025-06-02", 5);
        all.put("top_keys.sql", new Expectation(topKeys, rs -> topKeys(in(rs, topKeys), 5)));
        List<Object> topEndUsers = List.of("2025-05-01", "2025-05-31", 10);
        all.put("top_end_users.sql", new Expectation(topEndUsers, rs -> topEndUsers(in(rs, topEndUsers), 10)));
    }

    static List<SpendLogRecord> in(List<SpendLogRecord> rs, List<Object> parameters) {
        return between(rs, (String) parameters.get(0), (String) parameters.get(1));
    }

    private static List<List<Object>> spendBy(List<SpendLogRecord> rs, Function<SpendLogRecord, String> key) {
        List<List<Object>> rows = new ArrayList<>();
        Calls.groupBy(rs, key, "(none)")
                .forEach((k, g) -> rows.add(Arrays.asList(
                        k,
                        (long) g.size(),
                        count(g, r -> r.status() < 400),
                        sum(g, SpendLogRecord::promptTokens),
                        sum(g, SpendLogRecord::completionTokens),
                        sum(g, SpendLogRecord::totalTokens),
                        spend(g))));
        return Calls.bySpendThenKey(rows, 6, 0);
    }

    private static List<List<Object>> spendByClientAndUser(List<SpendLogRecord> rs) {
        List<List<Object>> rows = new ArrayList<>();
        Calls.groupBy(
                        rs,
                        r -> (r.client() == null ? "(none)" : r.client()) + "\u0000"
                                + (r.userId() == null ? "(none)" : r.userId()),
                        null)
                .forEach((k, g) -> rows.add(Arrays.asList(
                        k.substring(0, k.indexOf('\u0000')),
                        k.substring(k.indexOf('\u0000') + 1),
                        (long) g.size(),
                        g.stream()
                                .map(SpendLogRecord::sessionId)
                                .filter(Objects::nonNull)
                                .distinct()
                                .count(),
                        sum(g, SpendLogRecord::totalTokens),
                        spend(g))));
        rows.sort(
                java.util.Comparator.<List<Object>, java.math.BigDecimal>comparing(r -> (java.math.BigDecimal) r.get(5))
                        .reversed()
                        .thenComparing(r -> (String) r.get(0))
                        .thenComparing(r -> (String) r.get(1)));
        return rows;
    }

    private static List<List<Object>> spendByKey(List<SpendLogRecord> rs) {
        List<List<Object>> rows = new ArrayList<>();
        Calls.groupBy(rs.stream().filter(r -> r.keyHash() != null).toList(), SpendLogRecord::keyHash, null)
                .forEach((k, g) -> rows.add(Arrays.asList(
                        k,
                        max(g, SpendLogRecord::keyAlias),
                        (long) g.size(),
                        count(g, r -> r.status() < 400),
                        sum(g, SpendLogRecord::promptTokens),
                        sum(g, SpendLogRecord::completionTokens),
                        sum(g, SpendLogRecord::totalTokens),
                        spend(g))));
        return Calls.bySpendThenKey(rows, 7, 0);
    }

    private static List<List<Object>> spendByModel(List<SpendLogRecord> rs) {
        List<List<Object>> rows = new ArrayList<>();
        Calls.groupBy(rs, SpendLogRecord::model, "(none)")
                .forEach((k, g) -> rows.add(Arrays.asList(
                        k,
                        (long) g.size(),
                        count(g, r -> r.status() < 400),
                        sum(g, SpendLogRecord::promptTokens),
                        sum(g, SpendLogRecord::completionTokens),
                        sum(g, SpendLogRecord::cacheReadTokens),
                        sum(g, SpendLogRecord::reasoningTokens),
                        sum(g, SpendLogRecord::totalTokens),
                        spend(g))));
        return Calls.bySpendThenKey(rows, 8, 0);
    }

    private static List<List<Object>> spendByTag(List<SpendLogRecord> rs) {
        Map<String, List<SpendLogRecord>> byTag = new TreeMap<>();
        for (SpendLogRecord r : rs) {
            for (String tag : r.tags().isEmpty() ? List.of("(untagged)") : r.tags()) {
                byTag.computeIfAbsent(tag, t -> new ArrayList<>()).add(r);
            }
        }
        List<List<Object>> rows = new ArrayList<>();
        byTag.forEach((tag, g) ->
                rows.add(Arrays.asList(tag, (long) g.size(), sum(g, SpendLogRecord::totalTokens), spend(g))));
        return Calls.bySpendThenKey(rows, 3, 0);
    }

    private static List<List<Object>> topKeys(List<SpendLogRecord> rs, int n) {
        List<List<Object>> rows = new ArrayList<>();
        Calls.groupBy(rs.stream().filter(r -> r.keyHash() != null).toList(), SpendLogRecord::keyHash, null)
                .forEach((k, g) -> rows.add(Arrays.asList(
                        k,
                        max(g, SpendLogRecord::keyAlias),
                        max(g, SpendLogRecord::teamId),
                        (long) g.size(),
                        sum(g, SpendLogRecord::totalTokens),
                        spend(g))));
        return ranked(Calls.bySpendThenKey(rows, 5, 0), n);
    }

    private static List<List<Object>> topEndUsers(List<SpendLogRecord> rs, int n) {
        List<List<Object>> rows = new ArrayList<>();
        Calls.groupBy(rs.stream().filter(r -> r.endUser() != null).toList(), SpendLogRecord::endUser, null)
                .forEach((k, g) -> rows.add(Arrays.asList(
                        k,
                        (long) g.size(),
                        g.stream()
                                .map(SpendLogRecord::keyHash)
                                .filter(Objects::nonNull)
                                .distinct()
                                .count(),
                        sum(g, SpendLogRecord::totalTokens),
                        spend(g))));
        return ranked(Calls.bySpendThenKey(rows, 4, 0), n);
    }

    /** The first {@code n} rows, each prefixed with its 1-based rank. */
    private static List<List<Object>> ranked(List<List<Object>> sorted, int n) {
        List<List<Object>> top = new ArrayList<>();
        for (int i = 0; i < Math.min(n, sorted.size()); i++) {
            List<Object> row = new ArrayList<>();
            row.add((long) i + 1);
            row.addAll(sorted.get(i));
            top.add(row);
        }
        return top;
    }

    private static String max(List<SpendLogRecord> g, Function<SpendLogRecord, String> f) {
        return g.stream().map(f).filter(Objects::nonNull).max(String::compareTo).orElse(null);
    }
}
