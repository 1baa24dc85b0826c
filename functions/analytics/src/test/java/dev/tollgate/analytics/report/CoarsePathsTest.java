package dev.tollgate.analytics.report;

import static dev.tollgate.analytics.testing.Calls.call;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.analytics.rollup.JdbcRollupStore;
import dev.tollgate.analytics.testing.PgContext;
import dev.tollgate.gateway.spendlog.SpendLogRecord;
import io.micronaut.transaction.TransactionOperations;
import java.math.BigDecimal;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every coarse path (the daily team, member and user tables, alone or after whole months of the monthly ones)
 * gives the groups {@code rollup_daily} gives, for the groupings and filters the cost, trend and summary
 * reports use. Which table each query reads: {@link JdbcRollupReaderTest}.
 */
class CoarsePathsTest {
    @RegisterExtension
    static final PgContext PG = new PgContext();

    private static JdbcRollupStore store;
    private static JdbcRollupReader reader;

    @BeforeAll
    static void start() {
        TransactionOperations<Connection> tx = PG.tx();
        store = new JdbcRollupStore(tx, ZoneOffset.UTC);
        reader = new JdbcRollupReader(tx, PG.jdbc());
    }

    @Test
    void everyCoarsePath_givesTheGroupsOfRollupDaily() {
        // GIVEN calls in February to April 2027 of teams, users (one without), two models and providers
        SpendLogRecord claude = call("s1", Instant.parse("2027-03-01T10:00:00Z"), "ml", "bo", "2").toBuilder()
                .model("claude-sonnet-4")
                .provider("anthropic")
                .build();
        store.fold(
                "spring",
                List.of(
                        call("s0", Instant.parse("2027-02-27T10:00:00Z"), "ml", "ana", "1"),
                        claude,
                        call("s2", Instant.parse("2027-03-15T10:00:00Z"), "web", "cy", "4"),
                        claude.toBuilder()
                                .requestId("s3")
                                .startTime(Instant.parse("2027-03-31T10:00:00Z"))
                                .teamId("web")
                                .userId("ana")
                                .cost(new BigDecimal("8"))
                                .tags(List.of("prod"))
                                .build(),
                        call("s4", Instant.parse("2027-04-02T10:00:00Z"), "", "dee", "16"),
                        claude.toBuilder()
                                .requestId("s5")
                                .startTime(Instant.parse("2027-04-02T11:00:00Z"))
                                .userId("ana")
                                .cost(new BigDecimal("0.000000000032"))
                                .build()));
        List<List<Dim>> groupings = List.of(
                List.of(),
                List.of(Dim.USER),
                List.of(Dim.TEAM),
                List.of(Dim.MODEL),
                List.of(Dim.PROVIDER),
                List.of(Dim.DAY),
                List.of(Dim.DAY, Dim.MODEL),
                List.of(Dim.USER, Dim.MODEL));
        List<Map<Dim, String>> filters = List.of(
                Map.of(), Map.of(Dim.TEAM, "ml"), Map.of(Dim.MODEL, "claude-sonnet-4"), Map.of(Dim.USER, "ana"));
        LocalDate feb27 = LocalDate.of(2027, 2, 27);
        LocalDate apr2 = LocalDate.of(2027, 4, 2);
        // days only (Mar 2 - Apr 2), whole March with days either side, and April read as a whole month
        List<RollupQuery> ranges = List.of(
                RollupQuery.of(feb27.plusDays(3), apr2, Map.of()),
                RollupQuery.of(feb27, apr2, Map.of()),
                RollupQuery.of(feb27, apr2, Map.of()).throughToday(apr2));
        int nonEmpty = 0;
        java.util.Set<String> read = new java.util.TreeSet<>();
        for (RollupQuery range : ranges) {
            for (List<Dim> groupBy : groupings) {
                for (Map<Dim, String> where : filters) {
                    RollupQuery q = new RollupQuery(range.from(), range.to(), where, groupBy, range.openEnd());
                    List<Dim> withKey = new ArrayList<>(groupBy);
                    withKey.add(Dim.KEY); // keys are only in rollup_daily
                    RollupQuery fine = new RollupQuery(q.from(), q.to(), where, withKey, q.openEnd());
                    Map<List<String>, String> expected = groups(reader.query(fine), groupBy);
                    assertEquals(expected, groups(reader.query(q), groupBy), JdbcRollupReader.sql(q));
                    nonEmpty += expected.isEmpty() ? 0 : 1;
                    read.add(JdbcRollupReader.source(q));
                }
            }
        }
        assertEquals(3 * 8 * 4, nonEmpty, "every query has rows");
        assertEquals(java.util.Set.of("rollup_member_daily", "rollup_team_daily", "rollup_user_daily"), read);
        BigDecimal all = JdbcRollupReader.total(reader.query(RollupQuery.of(feb27, apr2, Map.of(), Dim.USER)))
                .cost();
        assertEquals(0, new BigDecimal("31.000000000032").compareTo(all));
    }

    /** Requests, tokens and cost (exact, any scale) per group. */
    private static Map<List<String>, String> groups(List<RollupRow> rows, List<Dim> groupBy) {
        Map<List<String>, Totals> sums = new TreeMap<>(Comparator.comparing(List::toString));
        rows.forEach(r -> sums.merge(groupBy.stream().map(r::get).toList(), r.totals(), Totals::plus));
        Map<List<String>, String> out = new LinkedHashMap<>();
        sums.forEach((k, t) -> out.put(
                k,
                t.requests() + " " + t.errors() + " " + t.totalTokens() + " "
                        + t.cost().stripTrailingZeros().toPlainString()));
        return out;
    }
}
