package dev.tollgate.analytics.report;

import dev.tollgate.gateway.errors.GatewayException;
import dev.tollgate.gateway.identity.ApiKeys;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

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

    /**
     * The filters of {@code /global/spend/report}, each an exact match pushed into the rollup read's WHERE
     * clause; null or blank means no filter. An unknown value matches nothing (an empty report), as in LiteLLM.
     *
     * @param teamId         {@code team_id}
     * @param apiKey         {@code api_key}: the key's hash as the report prints it, or the key itself (hashed here)
     * @param internalUserId {@code internal_user_id}
     * @param customerId     {@code customer_id}: the end user the call was made for
     */
    public record SpendFilters(String teamId, String apiKey, String internalUserId, String customerId) {
        public static final SpendFilters NONE = new SpendFilters(null, null, null, null);

        /** The rollup filters, the key hashed. */
        Map<Dim, String> dims() {
            Map<Dim, String> dims = new java.util.EnumMap<>(Dim.class);
            put(dims, Dim.TEAM, teamId);
            put(dims, Dim.KEY, blank(apiKey) ? null : keyHash(apiKey.trim()));
            put(dims, Dim.USER, internalUserId);
            put(dims, Dim.END_USER, customerId);
            return dims;
        }

        /** LiteLLM answers per key (its {@code group_by=api_key} shape) when asked for one key's or one user's spend. */
        boolean perKey() {
            return !blank(apiKey) || !blank(internalUserId);
        }

        private static void put(Map<Dim, String> dims, Dim dim, String value) {
            if (!blank(value)) {
                dims.put(dim, value.trim());
            }
        }

        private static boolean blank(String value) {
            return value == null || value.isBlank();
        }
    }

    private static final Pattern KEY_HASH = Pattern.compile("[0-9a-fA-F]{64}");

    /** The rollups' key: a SHA-256 (hex) is taken as it is, anything else is a key and hashed, as the gateway does. */
    static String keyHash(String apiKey) {
        return KEY_HASH.matcher(apiKey).matches() ? apiKey.toLowerCase(Locale.ROOT) : ApiKeys.sha256Hex(apiKey);
    }

    /** {@code GET /global/spend/report}: per day, per group, the spend by model and key. */
    public List<Map<String, Object>> spendReport(LocalDate from, LocalDate to, String groupBy) {
        return spendReport(from, to, groupBy, SpendFilters.NONE);
    }

    /**
     * {@code GET /global/spend/report} with LiteLLM's filters: {@code team_id} and {@code customer_id} narrow
     * any grouping; {@code api_key} or {@code internal_user_id} answer per key and model, as LiteLLM does.
     */
    public List<Map<String, Object>> spendReport(LocalDate from, LocalDate to, String groupBy, SpendFilters filters) {
        ReportDates.checkRange(from, to);
        Map<Dim, String> where = filters.dims();
        String g =
                groupBy == null || groupBy.isBlank() ? "team" : groupBy.trim().toLowerCase(Locale.ROOT);
        if (g.equals("api_key") || filters.perKey()) {
            checkGroup(g, groupBy);
            return byKey(from, to, where);
        }
        Group group = checkGroup(g, groupBy);
        // grouped in the order of rollup_key_daily's primary key (day, team, key, model), so PostgreSQL reads the
        // team report in index order instead of sorting a million rows
        List<RollupRow> rows = reader.query(RollupQuery.of(from, to, where, Dim.DAY, group.dim, Dim.KEY, Dim.MODEL));
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

    /** The group {@code g} names (null for api_key), or a 400 naming the groups there are. */
    private static Group checkGroup(String g, String groupBy) {
        if (g.equals("api_key")) {
            return null;
        }
        try {
            return Group.valueOf(g.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw GatewayException.invalidRequest(
                    "'group_by' must be team, customer, api_key, user, model, tag or client, got '" + groupBy + "'",
                    "group_by");
        }
    }

    private List<Map<String, Object>> byKey(LocalDate from, LocalDate to, Map<Dim, String> where) {
        List<RollupRow> rows = reader.query(RollupQuery.of(from, to, where, Dim.KEY, Dim.MODEL));
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
