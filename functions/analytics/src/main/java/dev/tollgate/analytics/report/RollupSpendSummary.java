package dev.tollgate.analytics.report;

import dev.tollgate.gateway.spendlog.SpendSummary;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@link SpendSummary} from the daily rollups: LiteLLM's per-day summary of {@code /spend/logs}. */
public final class RollupSpendSummary implements SpendSummary {
    private final RollupReader reader;

    public RollupSpendSummary(RollupReader reader) {
        this.reader = reader;
    }

    @Override
    public List<Map<String, Object>> daily(LocalDate from, LocalDate to) {
        ReportDates.checkRange(from, to);
        List<Map<String, Object>> out = new ArrayList<>();
        RollupRow.byDay(reader.query(RollupQuery.of(from, to, Map.of(), Dim.DAY, Dim.MODEL, Dim.USER)))
                .forEach((day, rows) -> {
                    Totals t = JdbcRollupReader.total(rows);
                    Map<String, Object> models = new TreeMap<>();
                    Map<String, Object> users = new TreeMap<>();
                    Map<String, Totals> byModel = new TreeMap<>();
                    Map<String, Totals> byUser = new TreeMap<>();
                    rows.forEach(r -> {
                        byModel.merge(r.get(Dim.MODEL), r.totals(), Totals::plus);
                        byUser.merge(r.get(Dim.USER), r.totals(), Totals::plus);
                    });
                    byModel.forEach((m, v) -> models.put(m, v.cost()));
                    byUser.forEach((u, v) -> users.put(u, v.cost()));
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("startTime", day);
                    entry.put("spend", t.cost());
                    entry.put("api_requests", t.requests());
                    entry.put("total_tokens", t.totalTokens());
                    entry.put("models", models);
                    entry.put("users", users);
                    out.add(entry);
                });
        return out;
    }
}
