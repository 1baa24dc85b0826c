package dev.tollgate.analytics.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * LiteLLM's {@code GET /user/daily/activity}: per date, the metrics and their breakdown by model,
 * provider and key, with totals in {@code metadata}; paged by date, newest dates last as LiteLLM does.
 */
public final class DailyActivity {
    private final RollupReader reader;

    public DailyActivity(RollupReader reader) {
        this.reader = reader;
    }

    /**
     * Two reads in one snapshot: the range's totals per active day (one small row a day, from the narrowest rollup),
     * which give {@code metadata}'s totals and the page's dates; then the model, provider and key rows of only the
     * page's dates. Pages count the days with calls, as LiteLLM's do.
     */
    public Map<String, Object> activity(LocalDate from, LocalDate to, String userId, int page, int pageSize) {
        ReportDates.checkRange(from, to);
        Map<Dim, String> filters = userId == null || userId.isBlank() ? Map.of() : Map.of(Dim.USER, userId);
        return reader.consistently(() -> {
            List<RollupRow> perDay = reader.query(RollupQuery.of(from, to, filters, Dim.DAY));
            int totalPages = Math.max(1, (perDay.size() + pageSize - 1) / pageSize);
            List<RollupRow> pageDays = perDay.subList((int) Math.min(perDay.size(), (long) (page - 1) * pageSize), (int)
                    Math.min(perDay.size(), (long) page * pageSize));
            List<Map<String, Object>> results = new ArrayList<>();
            if (!pageDays.isEmpty()) {
                LocalDate first = LocalDate.parse(pageDays.getFirst().get(Dim.DAY));
                LocalDate last = LocalDate.parse(pageDays.getLast().get(Dim.DAY));
                List<RollupRow> rows =
                        reader.query(RollupQuery.of(first, last, filters, Dim.DAY, Dim.MODEL, Dim.PROVIDER, Dim.KEY));
                RollupRow.byDay(rows).forEach((day, dayRows) -> results.add(day(day, dayRows)));
            }
            Totals all = JdbcRollupReader.total(perDay);
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("total_spend", all.cost());
            metadata.put("total_prompt_tokens", all.promptTokens());
            metadata.put("total_completion_tokens", all.completionTokens());
            metadata.put("total_tokens", all.totalTokens());
            metadata.put("total_api_requests", all.requests());
            metadata.put("total_successful_requests", all.successes());
            metadata.put("total_failed_requests", all.errors());
            metadata.put("total_cache_read_input_tokens", all.cacheReadTokens());
            metadata.put("total_cache_creation_input_tokens", all.cacheWriteTokens());
            metadata.put("page", page);
            metadata.put("total_pages", totalPages);
            metadata.put("has_more", page < totalPages);
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("results", results);
            answer.put("metadata", metadata);
            return answer;
        });
    }

    private static Map<String, Object> day(String day, List<RollupRow> dayRows) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("date", day);
        result.put("metrics", metrics(JdbcRollupReader.total(dayRows)));
        Map<String, Object> breakdown = new LinkedHashMap<>();
        breakdown.put("models", breakdown(dayRows, Dim.MODEL));
        breakdown.put("providers", breakdown(dayRows, Dim.PROVIDER));
        breakdown.put("api_keys", keys(dayRows));
        result.put("breakdown", breakdown);
        return result;
    }

    static Map<String, Object> metrics(Totals t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("spend", t.cost());
        m.put("prompt_tokens", t.promptTokens());
        m.put("completion_tokens", t.completionTokens());
        m.put("cache_read_input_tokens", t.cacheReadTokens());
        m.put("cache_creation_input_tokens", t.cacheWriteTokens());
        m.put("total_tokens", t.totalTokens());
        m.put("api_requests", t.requests());
        m.put("successful_requests", t.successes());
        m.put("failed_requests", t.errors());
        return m;
    }

    private static Map<String, Object> breakdown(List<RollupRow> rows, Dim dim) {
        Map<String, Totals> sums = new TreeMap<>();
        rows.forEach(r -> sums.merge(r.get(dim), r.totals(), Totals::plus));
        Map<String, Object> out = new LinkedHashMap<>();
        sums.forEach((name, t) -> out.put(name, Map.of("metrics", metrics(t), "metadata", Map.of())));
        return out;
    }

    private static Map<String, Object> keys(List<RollupRow> rows) {
        Map<String, Totals> sums = new TreeMap<>();
        Map<String, String> aliases = new TreeMap<>();
        rows.forEach(r -> {
            sums.merge(r.get(Dim.KEY), r.totals(), Totals::plus);
            if (!r.keyAlias().isEmpty()) {
                aliases.put(r.get(Dim.KEY), r.keyAlias());
            }
        });
        Map<String, Object> out = new LinkedHashMap<>();
        sums.forEach((key, t) -> {
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("key_alias", aliases.get(key));
            out.put(key, Map.of("metrics", metrics(t), "metadata", meta));
        });
        return out;
    }
}
