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

    public Map<String, Object> activity(LocalDate from, LocalDate to, String userId, int page, int pageSize) {
        ReportDates.checkRange(from, to);
        Map<Dim, String> filters = userId == null || userId.isBlank() ? Map.of() : Map.of(Dim.USER, userId);
        List<RollupRow> rows =
                reader.query(RollupQuery.of(from, to, filters, Dim.DAY, Dim.MODEL, Dim.PROVIDER, Dim.KEY));
        Map<String, List<RollupRow>> byDay = new TreeMap<>();
        rows.forEach(r ->
                byDay.computeIfAbsent(r.get(Dim.DAY), d -> new ArrayList<>()).add(r));
        List<String> days = new ArrayList<>(byDay.keySet());
        int totalPages = Math.max(1, (days.size() + pageSize - 1) / pageSize);
        List<Map<String, Object>> results = new ArrayList<>();
        for (String day :
                days.subList(Math.min(days.size(), (page - 1) * pageSize), Math.min(days.size(), page * pageSize))) {
            List<RollupRow> dayRows = byDay.get(day);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("date", day);
            result.put("metrics", metrics(JdbcRollupReader.total(dayRows)));
            Map<String, Object> breakdown = new LinkedHashMap<>();
            breakdown.put("models", breakdown(dayRows, Dim.MODEL));
            breakdown.put("providers", breakdown(dayRows, Dim.PROVIDER));
            breakdown.put("api_keys", keys(dayRows));
            result.put("breakdown", breakdown);
            results.add(result);
        }
        Totals all = JdbcRollupReader.total(rows);
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
