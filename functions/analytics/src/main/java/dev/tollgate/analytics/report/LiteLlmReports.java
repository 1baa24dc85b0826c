package dev.tollgate.analytics.report;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LiteLLM's spend reports, in LiteLLM's response shapes, answered from the daily rollups:
 * {@code /global/spend/report} and {@code /global/spend}.
 */
public final class LiteLlmReports {
    private static final DateTimeFormatter DAY_START = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");
    private static final LocalDate EPOCH = LocalDate.of(1970, 1, 1);
    private static final LocalDate FOREVER = LocalDate.of(9999, 12, 31);

    private static final Deflated OPEN = Deflated.of(bytes("["));
    private static final Deflated COMMA = Deflated.of(bytes(","));
    private static final Deflated CLOSE = Deflated.of(bytes("]"));
    private static final Logger LOG = LoggerFactory.getLogger(LiteLlmReports.class);

    private final RollupReader reader;
    private final ZoneId zone;
    private final DayFragments fragments;
    private final ObjectMapper json;

    /** Every answer built from the rollups on each request. */
    public LiteLlmReports(RollupReader reader, ZoneId zone) {
        this(reader, zone, null, null);
    }

    /**
     * @param fragments the stored day fragments of the unfiltered day-grouped reports ({@link #storedSpendReport})
     * @param json      the mapper the answers are written with (the HTTP layer's, so both paths write the same JSON)
     */
    public LiteLlmReports(RollupReader reader, ZoneId zone, DayFragments fragments, ObjectMapper json) {
        this.reader = reader;
        this.zone = zone;
        this.fragments = fragments;
        this.json = json;
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
            put(dims, Dim.KEY, blank(apiKey) ? null : ApiKeys.hashOf(apiKey.trim()));
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
        List<Map<String, Object>> answer = new ArrayList<>();
        RollupRow.byDay(reader.query(dayRows(from, to, where, group)))
                .forEach((day, rows) -> answer.add(dayEntry(group, day, rows)));
        return answer;
    }

    /**
     * The unfiltered day-grouped {@code /global/spend/report} as compressed pieces ({@link GzipAnswer} writes them
     * gzipped or not): each day's part is the stored fragment when it was built from the day's current rollups, else
     * built now and stored for the next request. Null when the report has a filter or is per key, or when no
     * fragment store is configured: {@link #spendReport} answers those. A 400 for a bad range or grouping either way.
     */
    public List<Deflated> storedSpendReport(LocalDate from, LocalDate to, String groupBy, SpendFilters filters) {
        ReportDates.checkRange(from, to);
        String g =
                groupBy == null || groupBy.isBlank() ? "team" : groupBy.trim().toLowerCase(Locale.ROOT);
        Group group = checkGroup(g, groupBy); // null for api_key
        if (fragments == null || group == null || !filters.dims().isEmpty()) { // any filter, api_key's too
            return null;
        }
        return assemble(group, from, to, true).pieces();
    }

    /** The days built and stored at a time by {@link #warmUp}: a month's fragments in memory at most. */
    static final int WARM_CHUNK_DAYS = 31;

    /**
     * Builds and stores the fragments missing for {@code from..to} of every day-grouped report some client has asked
     * for over those days (the kinds kept for them, in this time zone): after a rebuild, the first request finds the
     * rebuilt days ready instead of building them (about 45 ms a day for the team report at 10,000 keys).
     *
     * @return the fragments built
     */
    public int warm(LocalDate from, LocalDate to) {
        return warmUp(from, to).getAsInt();
    }

    /**
     * {@link #warm}, in two steps: the groupings to warm are read now (a rebuild asks before it replaces any day, so
     * that a prune of the stale fragments while it runs cannot hide them), and the returned work builds them, a
     * {@value #WARM_CHUNK_DAYS}-day chunk at a time, each stored before the next is built.
     */
    public IntSupplier warmUp(LocalDate from, LocalDate to) {
        if (fragments == null || from.isAfter(to)) {
            return () -> 0;
        }
        List<Group> asked = new ArrayList<>();
        List<String> kinds = fragments.kinds(from, to);
        for (Group group : Group.values()) {
            if (kinds.contains(kind(group))) {
                asked.add(group);
            }
        }
        return () -> {
            int built = 0;
            for (Group group : asked) {
                for (LocalDate start = from; !start.isAfter(to); start = start.plusDays(WARM_CHUNK_DAYS)) {
                    LocalDate end = start.plusDays(WARM_CHUNK_DAYS - 1L);
                    built += assemble(group, start, end.isAfter(to) ? to : end, false)
                            .built();
                }
            }
            return built;
        };
    }

    private String kind(Group group) {
        return "litellm-spend-report-v1:" + group.name().toLowerCase(Locale.ROOT) + ":" + zone.getId();
    }

    /** The answer's pieces (none when not asked for), and how many of its days were built now and stored. */
    private record Assembled(List<Deflated> pieces, int built) {}

    private Assembled assemble(Group group, LocalDate from, LocalDate to, boolean answer) {
        String kind = kind(group);
        List<DayFragments.Built> built = new ArrayList<>();
        List<Deflated> pieces = reader.consistently(() -> {
            List<Deflated> out = new ArrayList<>(List.of(OPEN));
            for (DayFragments.Day day : fragments.days(kind, from, to)) {
                Deflated fragment = day.stored();
                if (fragment == null) {
                    fragment = Deflated.of(dayJson(group, day.day()));
                    built.add(new DayFragments.Built(day.day(), day.version(), fragment));
                }
                if (answer && fragment.rawLength() > 0) {
                    if (out.size() > 1) {
                        out.add(COMMA);
                    }
                    out.add(fragment);
                }
            }
            out.add(CLOSE);
            return answer ? out : List.<Deflated>of();
        });
        try {
            fragments.store(kind, built);
        } catch (RuntimeException e) { // a cache fill: the answer stands, the next request builds them again
            LOG.warn("could not store {} report fragments: {}", built.size(), e.toString());
            return new Assembled(pieces, 0);
        }
        return new Assembled(pieces, built.size());
    }

    /** One day's entry of the day-grouped answer as JSON, or nothing when the day has no rows. */
    private byte[] dayJson(Group group, LocalDate day) {
        List<RollupRow> rows = reader.query(dayRows(day, day, Map.of(), group));
        if (rows.isEmpty()) {
            return new byte[0];
        }
        try {
            return json.writeValueAsBytes(dayEntry(group, day.toString(), rows));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Grouped in the order of rollup_key_daily's primary key (day, team, key, model), so PostgreSQL reads the team
     * report in index order instead of sorting a million rows.
     */
    private static RollupQuery dayRows(LocalDate from, LocalDate to, Map<Dim, String> where, Group group) {
        return RollupQuery.of(from, to, where, Dim.DAY, group.dim, Dim.KEY, Dim.MODEL);
    }

    /** One day: {@code {"group_by_day", "<list>": [{"<name>", "total_spend", "metadata": [per key and model]}]}}. */
    private Map<String, Object> dayEntry(Group group, String day, List<RollupRow> dayRows) {
        Map<String, List<RollupRow>> groups = new LinkedHashMap<>();
        dayRows.forEach(r ->
                groups.computeIfAbsent(r.get(group.dim), k -> new ArrayList<>()).add(r));
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
        return dayEntry;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
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
