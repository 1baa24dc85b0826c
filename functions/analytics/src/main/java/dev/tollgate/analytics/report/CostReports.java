package dev.tollgate.analytics.report;

import dev.tollgate.gateway.errors.GatewayException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The control plane's reports: {@code /api/v1/reports/cost}, {@code trend} and {@code summary}, from the rollups. */
public final class CostReports {
    private final RollupReader reader;

    public CostReports(RollupReader reader) {
        this.reader = reader;
    }

    /** Optional exact-match filters of a report. */
    public record Filters(String teamId, String userId, String model) {
        Map<Dim, String> asMap() {
            Map<Dim, String> m = new EnumMap<>(Dim.class);
            put(m, Dim.TEAM, teamId);
            put(m, Dim.USER, userId);
            put(m, Dim.MODEL, model);
            return m;
        }

        private static void put(Map<Dim, String> m, Dim d, String v) {
            if (v != null && !v.isBlank()) {
                m.put(d, v);
            }
        }
    }

    /** {@code GET /api/v1/reports/cost}. */
    public Map<String, Object> cost(String period, LocalDate from, LocalDate to, Filters filters) {
        return cost(period, from, to, filters, null);
    }

    /** With {@code today}: a range through today reads this month from the monthly rollup. */
    public Map<String, Object> cost(String period, LocalDate from, LocalDate to, Filters filters, LocalDate today) {
        // one GROUP BY per breakdown, each on the smallest rollup that has its dimensions and filters (unfiltered:
        // rollup_team_monthly / _daily for models, rollup_member_monthly / _daily for users and teams), all three on
        // one snapshot so the breakdowns add up to the same total even while a fold commits
        List<List<RollupRow>> reads = reader.consistently(() -> List.of(
                reader.query(scope(RollupQuery.of(from, to, filters.asMap(), Dim.MODEL), today)),
                reader.query(scope(RollupQuery.of(from, to, filters.asMap(), Dim.USER), today)),
                reader.query(scope(RollupQuery.of(from, to, filters.asMap(), Dim.TEAM), today))));
        List<RollupRow> byModel = reads.get(0);
        List<RollupRow> byUser = reads.get(1);
        List<RollupRow> byTeam = reads.get(2);
        Totals all = JdbcRollupReader.total(byTeam);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("period", period == null ? "monthly" : period);
        answer.put("start_date", from.toString());
        answer.put("end_date", to.toString());
        answer.put("total_cost", all.cost());
        answer.put("total_requests", all.requests());
        answer.put("total_input_tokens", all.promptTokens());
        answer.put("total_output_tokens", all.completionTokens());
        answer.put("breakdown_by_model", breakdown(byModel, Dim.MODEL, "model"));
        answer.put("breakdown_by_user", breakdown(byUser, Dim.USER, "user_id"));
        answer.put("breakdown_by_team", breakdown(byTeam, Dim.TEAM, "team_id"));
        return answer;
    }

    private static RollupQuery scope(RollupQuery query, LocalDate today) {
        return today == null ? query : query.throughToday(today);
    }

    /** {@code GET /api/v1/reports/trend}: the daily series of the last {@code days} days and its direction. */
    public Map<String, Object> trend(int days, LocalDate today, Filters filters) {
        if (days < 2 || days > 366) {
            throw GatewayException.invalidRequest("'days' must be between 2 and 366, got " + days, "days");
        }
        LocalDate from = today.minusDays(days - 1L);
        Map<String, Totals> byDay = new TreeMap<>();
        reader.query(RollupQuery.of(from, today, filters.asMap(), Dim.DAY))
                .forEach(r -> byDay.put(r.get(Dim.DAY), r.totals()));
        List<Map<String, Object>> series = new ArrayList<>();
        List<BigDecimal> costs = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(today); d = d.plusDays(1)) {
            Totals t = byDay.getOrDefault(d.toString(), Totals.ZERO);
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("date", d.toString());
            point.put("cost", t.cost());
            point.put("requests", t.requests());
            series.add(point);
            costs.add(t.cost());
        }
        Trend trend = Trend.of(costs);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("days", days);
        answer.put("start_date", from.toString());
        answer.put("end_date", today.toString());
        answer.put("total_cost", costs.stream().reduce(BigDecimal.ZERO, BigDecimal::add));
        answer.put("series", series);
        answer.put("direction", trend.direction());
        answer.put("percent_change", trend.percentChange());
        answer.put("slope_per_day", trend.slopePerDay());
        answer.put("t_statistic", trend.tStatistic());
        answer.put("test", Trend.TEST);
        return answer;
    }

    /**
     * {@code GET /api/v1/reports/summary}: today, this week (from Monday), this month (each with what the
     * response cache saved), and the month's top five models.
     */
    public Map<String, Object> summary(LocalDate today) {
        return reader.consistently(() -> summaryOf(today));
    }

    private Map<String, Object> summaryOf(LocalDate today) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("today", window(today, today));
        answer.put("this_week", window(ReportDates.weekStart(today), today));
        answer.put("this_month", window(today.withDayOfMonth(1), today));
        List<RollupRow> models =
                new ArrayList<>(reader.query(RollupQuery.of(today.withDayOfMonth(1), today, Map.of(), Dim.MODEL)
                        .throughToday(today)));
        models.sort(Comparator.comparing((RollupRow r) -> r.totals().cost()).reversed());
        List<Map<String, Object>> top = new ArrayList<>();
        for (RollupRow r : models.subList(0, Math.min(5, models.size()))) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model", r.orNull(Dim.MODEL));
            m.put("cost", r.totals().cost());
            m.put("requests", r.totals().requests());
            m.put("input_tokens", r.totals().promptTokens());
            m.put("output_tokens", r.totals().completionTokens());
            top.add(m);
        }
        answer.put("top_models", top);
        return answer;
    }

    private Map<String, Object> window(LocalDate from, LocalDate to) {
        Totals t = JdbcRollupReader.total(
                reader.query(RollupQuery.of(from, to, Map.of()).throughToday(to)));
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("start_date", from.toString());
        w.put("end_date", to.toString());
        w.put("cost", t.cost());
        w.put("requests", t.requests());
        w.put("input_tokens", t.promptTokens());
        w.put("output_tokens", t.completionTokens());
        RollupReader.CacheSavings saved = reader.cacheSavings(from, to);
        w.put("cache_hits", saved.hits());
        w.put("saved_by_cache", saved.savedCost());
        return w;
    }

    private static List<Map<String, Object>> breakdown(List<RollupRow> rows, Dim dim, String name) {
        Map<String, Totals> sums = new TreeMap<>();
        rows.forEach(r -> sums.merge(r.get(dim), r.totals(), Totals::plus));
        List<Map<String, Object>> out = new ArrayList<>();
        sums.forEach((value, t) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put(name, value.isEmpty() ? null : value);
            m.put("cost", t.cost());
            m.put("requests", t.requests());
            m.put("input_tokens", t.promptTokens());
            m.put("output_tokens", t.completionTokens());
            out.add(m);
        });
        out.sort(Comparator.comparing((Map<String, Object> m) -> (BigDecimal) m.get("cost"))
                .reversed());
        return out;
    }
}
