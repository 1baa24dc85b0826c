package dev.tollgate.analytics.report;

import dev.tollgate.gateway.errors.GatewayException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * LiteLLM's spend reports, in LiteLLM's response shapes, answered from the daily rollups:
 * {@code /global/spend/report} and {@code /global/spend}.
 */
public final class LiteLlmReports {
    private static final DateTimeFormatter DAY_START = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");
    private static final LocalDate EPOCH = LocalDate.of(1970, 1, 1);
    private static final LocalDate FOREVER = LocalDate.of(9999, 12, 31);

    private final RollupReader reader;
    private final ZoneId zone;

    public LiteLlmReports(RollupReader reader, ZoneId zone) {
        this.reader = reader;
        this.zone = zone;
    }

    /** The groups {@code group_by} accepts, with the dimension and LiteLLM's list and name keys. */
    private enum Group {
        TEAM(Dim.TEAM, "teams", "team_name"),
        CUSTOMER(Dim.END_USER, "customers", "customer"),
        USER(Dim.USER, "users", "user_id"),
        MODEL(Dim.MODEL, "models", "model"),
        TAG(Dim.TAG, "tags", "tag"),
        CLIENT(Dim.CLIENT, "clients", "client");

        final Dim dim;
        final String list;
        final String name;

        Group(Dim dim, String list, String name) {
            this.dim = dim;
            this.list = list;
            this.name = name;
        }
    }

    /** {@code GET /global/spend/report}: per day, per group, the spend by model and key. */
    public List<Map<String, Object>> spendReport(LocalDate from, LocalDate to, String groupBy) {
        ReportDates.checkRange(from, to);
        String g =
                groupBy == null || groupBy.isBlank() ? "team" : groupBy.trim().toLowerCase(Locale.ROOT);
        if (g.equals("api_key")) {
            return byKey(from, to);
        }
        Group group;
        try {
            group = Group.valueOf(g.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw GatewayException.invalidRequest(
                    "'group_by' must be team, customer, api_key, user, model, tag or client, got '" + groupBy + "'",
                    "group_by");
        }
        // grouped in the order of rollup_key_daily's primary key (day, team, key, model), so PostgreSQL reads the
        // team report in index order instead of sorting a million rows
        List<RollupRow> rows = reader.query(RollupQuery.of(from, to, Map.of(), Dim.DAY, group.dim, Dim.KEY, Dim.MODEL));
        Map<String, Map<String, List<RollupRow>>> byDay = new LinkedHashMap<>();
        for (RollupRow r : rows) {
            byDay.computeIfAbsent(r.get(Dim.DAY), d -> new LinkedHashMap<>())
                    .computeIfAbsent(r.get(group.dim), k -> new ArrayList<>())
                    .add(r);
        }
        List<Map<String, Object>> answer = new ArrayList<>();
        byDay.forEach((day, groups) -> {
            List<Map<String, Object>> entries = new ArrayList<>();
            groups.forEach((name, groupRows) -> {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put(group.name, name.isEmpty() ? null : name);
                entry.put("total_spend", JdbcRollupReader.total(groupRows).cost());
                List<Map<String, Object>> metadata = new ArrayList<>();
                for (RollupRow r : groupRows) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("model", r.orNull(Dim.MODEL));
                    m.put("spend", r.totals().cost());
                    m.put("total_tokens", r.totals().totalTokens());
                    m.put("api_key", r.orNull(Dim.KEY));
                    metadata.add(m);
                }
                entry.put("metadata", metadata);
                entries.add(entry);
            });
            Map<String, Object> dayEntry = new LinkedHashMap<>();
            dayEntry.put("group_by_day", LocalDate.parse(day).atStartOfDay(zone).format(DAY_START));
            dayEntry.put(group.list, entries);
            answer.add(dayEntry);
        });
        return answer;
    }

    private List<Map<String, Object>> byKey(LocalDate from, LocalDate to) {
        List<RollupRow> rows = reader.query(RollupQuery.of(from, to, Map.of(), Dim.KEY, Dim.MODEL));
        Map<String, List<RollupRow>> byKey = new LinkedHashMap<>();
        rows.forEach(r ->
                byKey.computeIfAbsent(r.get(Dim.KEY), k -> new ArrayList<>()).add(r));
        List<Map<String, Object>> answer = new ArrayList<>();
        byKey.forEach((key, keyRows) -> {
            Totals t = JdbcRollupReader.total(keyRows);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("api_key", key.isEmpty() ? null : key);
            entry.put(
                    "key_alias",
                    keyRows.get(0).keyAlias().isEmpty() ? null : keyRows.get(0).keyAlias());
            entry.put("total_cost", t.cost());
            entry.put("total_input_tokens", t.promptTokens());
            entry.put("total_output_tokens", t.completionTokens());
            List<Map<String, Object>> models = new ArrayList<>();
            for (RollupRow r : keyRows) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("model", r.orNull(Dim.MODEL));
                m.put("total_cost", r.totals().cost());
                m.put("prompt_tokens", r.totals().promptTokens());
                m.put("completion_tokens", r.totals().completionTokens());
                models.add(m);
            }
            entry.put("model_details", models);
            answer.add(entry);
        });
        return answer;
    }

    /** {@code GET /global/spend}: everything spent through the gateway, and the global budget (if any). */
    public Map<String, Object> globalSpend(BigDecimal maxBudget) {
        Totals t = JdbcRollupReader.total(reader.query(RollupQuery.of(EPOCH, FOREVER, Map.of())));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("spend", t.cost());
        answer.put("max_budget", maxBudget);
        return answer;
    }
}
