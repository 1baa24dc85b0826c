package dev.tollgate.athena;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.analytics.report.Dim;
import dev.tollgate.analytics.report.FocusRow;
import dev.tollgate.analytics.report.RollupRow;
import dev.tollgate.analytics.report.Totals;
import dev.tollgate.gateway.spendlog.SpendLogRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The expectation of {@code focus_export.sql}: the rows the gateway's FOCUS export writes, made by the
 * export's own {@link FocusRow} from the same groups the rollups hold (day × key × user × team × end user
 * × requested model × model × provider × tag set, summed from the records), in the query's order. Tags is
 * compared as JSON (the query's object has the same members; their order is the engine's).
 */
final class FocusExpectations {
    private static final ObjectMapper JSON = new ObjectMapper();

    private FocusExpectations() {}

    static void register(Map<String, Expectation> all) {
        all.put(
                "focus_export.sql",
                new Expectation(Expectation.MAY, rs -> rows(SpendExpectations.in(rs, Expectation.MAY))));
    }

    static List<List<Object>> rows(List<SpendLogRecord> records) {
        Map<List<String>, List<SpendLogRecord>> groups = new TreeMap<>(FocusExpectations::compare);
        for (SpendLogRecord r : records) {
            groups.computeIfAbsent(group(r), g -> new ArrayList<>()).add(r);
        }
        List<List<Object>> rows = new ArrayList<>();
        groups.forEach((g, calls) -> {
            for (Map<String, Object> focus : FocusRow.of(rollupRow(g, calls), ZoneOffset.UTC, model -> null)) {
                List<Object> row = new ArrayList<>();
                for (String column : FocusRow.COLUMNS) {
                    Object value = focus.get(column);
                    row.add(column.equals("Tags") ? sameJson((String) value) : value);
                }
                rows.add(row);
            }
        });
        return rows;
    }

    /** The group's dimensions as the rollups keep them ({@code ""} for none), the tag set last. */
    private static List<String> group(SpendLogRecord r) {
        return List.of(
                Calls.dt(r),
                text(r.keyHash()),
                text(r.userId()),
                text(r.teamId()),
                text(r.endUser()),
                text(r.requestedModel()),
                text(r.model()),
                text(r.provider()),
                String.join(",", r.tags().stream().sorted().toList()));
    }

    /** The query's ORDER BY: each dimension as a string, the tag set joined with commas. */
    private static int compare(List<String> a, List<String> b) {
        for (int i = 0; i < a.size(); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static RollupRow rollupRow(List<String> g, List<SpendLogRecord> calls) {
        Map<Dim, String> dims = new EnumMap<>(Dim.class);
        List<Dim> order = List.of(
                Dim.DAY, Dim.KEY, Dim.USER, Dim.TEAM, Dim.END_USER, Dim.REQUESTED_MODEL, Dim.MODEL, Dim.PROVIDER);
        for (int i = 0; i < order.size(); i++) {
            dims.put(order.get(i), g.get(i));
        }
        List<String> tags = calls.get(0).tags().stream().sorted().toList();
        dims.put(Dim.TAG_SET, tagSetJson(tags));
        String alias = calls.stream()
                .map(SpendLogRecord::keyAlias)
                .filter(a -> a != null && !a.isEmpty())
                .max(Comparator.naturalOrder())
                .orElse("");
        Totals t = Totals.ZERO;
        for (SpendLogRecord r : calls) {
            t = t.plus(new Totals(
                    1,
                    r.status() < 400 ? 1 : 0,
                    r.status() < 400 ? 0 : 1,
                    r.promptTokens(),
                    r.completionTokens(),
                    r.cacheReadTokens(),
                    r.cacheWriteTokens(),
                    r.reasoningTokens(),
                    r.totalTokens(),
                    r.cost(),
                    r.cacheReadCost(),
                    r.cacheWriteCost(),
                    r.inputCost(),
                    r.outputCost()));
        }
        return new RollupRow(dims, alias, t);
    }

    private static String tagSetJson(List<String> sorted) {
        try {
            return JSON.writeValueAsString(sorted);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    /** A Tags cell: the same JSON object, whatever the order of its members. */
    private static Rows.Cell sameJson(String expected) {
        JsonNode want = read(expected);
        return new Rows.Cell() {
            @Override
            public boolean matches(Object actual) {
                return actual instanceof String s && want.equals(read(s));
            }

            @Override
            public String toString() {
                return expected;
            }
        };
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
