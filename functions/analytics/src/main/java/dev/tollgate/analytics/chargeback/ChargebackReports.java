package dev.tollgate.analytics.chargeback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.gateway.errors.GatewayException;
import io.micronaut.transaction.TransactionOperations;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Monthly chargeback reports: a calendar month's spend per team and tag set (the {@code tag = '*'} rows of
 * {@code rollup_daily}) times the tag and team allocation rules as they are at that moment
 * ({@link ChargebackLines}), frozen into lines. {@code draft} (regenerating
 * replaces it) → {@code finalized} (immutable) → {@code exported} (when and by whom recorded).
 */
public final class ChargebackReports {
    public static final String UNALLOCATED = "unallocated";
    static final String CURRENCY = "USD";

    /** One frozen line. */
    public record Line(
            int lineNo,
            String teamId,
            String ruleId,
            String ruleName,
            String type,
            String target,
            BigDecimal percent,
            String metadata,
            BigDecimal cost,
            BigDecimal amount) {}

    /** A stored report with its lines. */
    public record Report(
            String id,
            LocalDate period,
            String status,
            String currency,
            BigDecimal totalCost,
            BigDecimal totalAmount,
            Instant generatedAt,
            Instant finalizedAt,
            Instant exportedAt,
            String exportedBy,
            String exportFormat,
            List<Line> lines) {}

    private final TransactionOperations<Connection> tx;
    private final AllocationRules rules;
    private final ObjectMapper json;
    private final Clock clock;
    private final ZoneId zone;

    public ChargebackReports(
            TransactionOperations<Connection> tx, AllocationRules rules, ObjectMapper json, Clock clock, ZoneId zone) {
        this.tx = tx;
        this.rules = rules;
        this.json = json;
        this.clock = clock;
        this.zone = zone;
    }

    /** {@code POST /api/v1/chargeback/reports/generate {"period": "2026-02"}}. */
    public Map<String, Object> generate(JsonNode body) {
        if (body == null || !body.isObject() || !body.path("period").isTextual()) {
            throw GatewayException.invalidRequest("'period' is required: a month in the form YYYY-MM", "period");
        }
        YearMonth month;
        try {
            month = YearMonth.parse(body.path("period").asText());
        } catch (DateTimeParseException e) {
            throw GatewayException.invalidRequest(
                    "'period' must be a month in the form YYYY-MM (e.g. 2026-02), got '"
                            + body.path("period").asText() + "'",
                    "period");
        }
        if (month.isAfter(YearMonth.now(clock.withZone(zone)))) {
            throw GatewayException.invalidRequest("'period' " + month + " has not started", "period");
        }
        List<AllocationRules.Rule> all = rules.all();
        return view(tx.executeWrite(status -> {
            Connection c = status.getConnection();
            String id = UUID.randomUUID().toString();
            // two generations of one month run one after the other (FOR UPDATE alone cannot lock a missing row)
            try (PreparedStatement st = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
                st.setString(1, "tollgate.chargeback." + month);
                st.execute();
            }
            try (PreparedStatement st =
                    c.prepareStatement("SELECT id, status FROM chargeback_report WHERE period = ? FOR UPDATE")) {
                st.setObject(1, month.atDay(1));
                ResultSet rs = st.executeQuery();
                if (rs.next()) {
                    if (!rs.getString(2).equals("draft")) {
                        throw frozen(rs.getString(1), rs.getString(2), "regenerated");
                    }
                    id = rs.getString(1); // a regenerated draft keeps its id
                    try (PreparedStatement del = c.prepareStatement("DELETE FROM chargeback_report WHERE id = ?")) {
                        del.setString(1, id);
                        del.executeUpdate();
                    }
                }
            }
            List<Line> lines = allocate(spend(c, month), all);
            BigDecimal totalCost = lines.stream().map(Line::cost).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal totalAmount = lines.stream().map(Line::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            Instant now = clock.instant();
            try (PreparedStatement st =
                    c.prepareStatement("INSERT INTO chargeback_report (id, period, status, currency,"
                            + " total_cost, total_amount, generated_at) VALUES (?, ?, 'draft', ?, ?, ?, ?)")) {
                st.setString(1, id);
                st.setObject(2, month.atDay(1));
                st.setString(3, CURRENCY);
                st.setBigDecimal(4, totalCost);
                st.setBigDecimal(5, totalAmount);
                st.setTimestamp(6, Timestamp.from(now));
                st.executeUpdate();
            }
            try (PreparedStatement st = c.prepareStatement("INSERT INTO chargeback_line (report_id, line_no, team_id,"
                    + " rule_id, rule_name, allocation_type, allocation_target, allocation_percent, metadata, cost,"
                    + " amount) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)")) {
                for (Line l : lines) {
                    st.setString(1, id);
                    st.setInt(2, l.lineNo());
                    st.setString(3, l.teamId());
                    st.setString(4, l.ruleId());
                    st.setString(5, l.ruleName());
                    st.setString(6, l.type());
                    st.setString(7, l.target());
                    st.setBigDecimal(8, l.percent());
                    st.setString(9, l.metadata());
                    st.setBigDecimal(10, l.cost());
                    st.setBigDecimal(11, l.amount());
                    st.addBatch();
                }
                st.executeBatch();
            }
            return load(c, id);
        }));
    }

    /**
     * The lines of {@code spend} (per team and tag set) under {@code all} rules ({@link ChargebackLines}: tag
     * rules first, then team rules, then {@code unallocated}; exact), then cents by largest remainder over
     * all lines, so they sum exactly to the rounded total.
     */
    static List<Line> allocate(Map<String, Map<List<String>, BigDecimal>> spend, List<AllocationRules.Rule> all) {
        List<Line> exact = ChargebackLines.exact(spend, all);
        List<BigDecimal> cents = Cents.allocate(exact.stream().map(Line::cost).toList());
        List<Line> rounded = new ArrayList<>(exact.size());
        for (int i = 0; i < exact.size(); i++) {
            Line l = exact.get(i);
            rounded.add(new Line(
                    l.lineNo(),
                    l.teamId(),
                    l.ruleId(),
                    l.ruleName(),
                    l.type(),
                    l.target(),
                    l.percent(),
                    l.metadata(),
                    l.cost(),
                    cents.get(i)));
        }
        return rounded;
    }

    /**
     * The month's spend per team and per tag set of its calls, from the {@code tag = '*'} rows of
     * {@code rollup_daily} (each call once, with its whole tag list in {@code tag_set}).
     */
    private Map<String, Map<List<String>, BigDecimal>> spend(Connection c, YearMonth month) throws SQLException {
        Map<String, Map<List<String>, BigDecimal>> spend = new TreeMap<>();
        try (PreparedStatement st = c.prepareStatement("SELECT team_id, tag_set, sum(cost) FROM rollup_daily"
                + " WHERE tag = '*' AND day BETWEEN ? AND ? GROUP BY team_id, tag_set ORDER BY team_id, tag_set")) {
            st.setObject(1, month.atDay(1));
            st.setObject(2, month.atEndOfMonth());
            ResultSet rs = st.executeQuery();
            while (rs.next()) {
                spend.computeIfAbsent(rs.getString(1), t -> new LinkedHashMap<>())
                        .merge(tags(rs.getString(2)), rs.getBigDecimal(3), BigDecimal::add);
            }
        }
        return spend;
    }

    private List<String> tags(String tagSet) {
        if (tagSet == null || tagSet.isBlank()) {
            return List.of();
        }
        try {
            List<String> tags = new ArrayList<>();
            json.readTree(tagSet).forEach(t -> tags.add(t.asText()));
            return tags;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("tag_set is not a JSON array: " + tagSet, e);
        }
    }

    /** A stored report's id and status. */
    public record Head(String id, String status) {}

    /** {@code month}'s report id and status, or null when it has none: one row, no lines ({@link MonthClose}). */
    public Head head(YearMonth month) {
        return tx.executeRead(status -> {
            try (PreparedStatement st = status.getConnection()
                    .prepareStatement("SELECT id, status FROM chargeback_report WHERE period = ?")) {
                st.setObject(1, month.atDay(1));
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? new Head(rs.getString(1), rs.getString(2)) : null;
                }
            }
        });
    }

    /**
     * What the scheduled month close needs to know of {@code month}, in one statement ({@link MonthClose#close()}).
     *
     * @param id its report, or null when it has none
     * @param status the report's status
     * @param afterMonthEnd whether the report was generated once the month's spend had settled, {@link
     *     MonthClose#SETTLING} after it ended (budget time zone): a draft generated before is a month-to-date view (or
     *     made while the month's last calls were still being shipped and folded), not a close
     * @param totalCost the report's exact total
     * @param spend whether the month's rollups hold any spend
     */
    public record CloseState(String id, String status, boolean afterMonthEnd, BigDecimal totalCost, boolean spend) {}

    public CloseState closeState(YearMonth month) {
        return tx.executeRead(status -> {
            try (PreparedStatement st = status.getConnection()
                    .prepareStatement("SELECT r.id, r.status, r.generated_at >= ?, r.total_cost,"
                            + " EXISTS (SELECT 1 FROM rollup_daily WHERE day BETWEEN ? AND ? AND tag = '*'"
                            + " AND cost > 0) FROM (SELECT 1) AS one"
                            + " LEFT JOIN chargeback_report r ON r.period = ?")) {
                st.setTimestamp(
                        1,
                        Timestamp.from(month.plusMonths(1)
                                .atDay(1)
                                .atStartOfDay(zone)
                                .toInstant()
                                .plus(MonthClose.SETTLING)));
                st.setObject(2, month.atDay(1));
                st.setObject(3, month.atEndOfMonth());
                st.setObject(4, month.atDay(1));
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    return new CloseState(
                            rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getBigDecimal(4), rs.getBoolean(5));
                }
            }
        });
    }

    /** One page of reports, newest month first, and how many there are in all. */
    public record Page(List<Map<String, Object>> items, int total) {}

    /**
     * One statement: the reports of the page (newest month first) with their sums per team, per allocation target
     * and unallocated (the lines grouped in PostgreSQL, one row per group), and the number of reports; the count's
     * row stands alone when the page is past the end. Each item is {@link #view} without {@code lines}.
     */
    private static final String LIST_SQL = "WITH page AS (SELECT id, period, status, currency, total_cost,"
            + " total_amount, generated_at, finalized_at, exported_at, exported_by, export_format"
            + " FROM chargeback_report ORDER BY period DESC LIMIT ? OFFSET ?),"
            + " sums AS (SELECT report_id, 'team' AS kind, team_id AS k1, NULL AS k2, sum(cost) AS cost,"
            + " sum(amount) AS amount FROM chargeback_line WHERE report_id IN (SELECT id FROM page)"
            + " GROUP BY report_id, team_id"
            + " UNION ALL SELECT report_id, 'target', allocation_type, allocation_target, sum(cost), sum(amount)"
            + " FROM chargeback_line WHERE report_id IN (SELECT id FROM page) AND allocation_type <> '"
            + UNALLOCATED + "' GROUP BY report_id, allocation_type, allocation_target"
            + " UNION ALL SELECT report_id, '" + UNALLOCATED + "', NULL, NULL, sum(cost), sum(amount)"
            + " FROM chargeback_line WHERE report_id IN (SELECT id FROM page) AND allocation_type = '"
            + UNALLOCATED + "' GROUP BY report_id)"
            + " SELECT n.total, p.id, p.period, p.status, p.currency, p.total_cost, p.total_amount, p.generated_at,"
            + " p.finalized_at, p.exported_at, p.exported_by, p.export_format, s.kind, s.k1, s.k2, s.cost, s.amount"
            + " FROM (SELECT count(*) AS total FROM chargeback_report) n LEFT JOIN page p ON true"
            + " LEFT JOIN sums s ON s.report_id = p.id ORDER BY p.period DESC";

    /**
     * {@code GET /api/v1/chargeback/reports}: page {@code page} (from 1) of {@code pageSize} reports, newest month
     * first, each as {@link #get} shows it without its lines, in one statement however many reports there are.
     */
    public Page list(int page, int pageSize) {
        return tx.executeRead(status -> {
            try (PreparedStatement st = status.getConnection().prepareStatement(LIST_SQL)) {
                st.setInt(1, pageSize);
                st.setLong(2, (long) (page - 1) * pageSize);
                try (ResultSet rs = st.executeQuery()) {
                    int total = 0;
                    Map<String, Report> heads = new LinkedHashMap<>();
                    Map<String, Sums> sums = new LinkedHashMap<>();
                    while (rs.next()) {
                        total = rs.getInt(1);
                        String id = rs.getString(2);
                        if (id == null) {
                            continue;
                        }
                        if (!heads.containsKey(id)) {
                            heads.put(id, head(rs, 2));
                            sums.put(id, new Sums());
                        }
                        String kind = rs.getString(13);
                        if (kind != null) {
                            sums.get(id)
                                    .add(
                                            kind,
                                            rs.getString(14),
                                            rs.getString(15),
                                            rs.getBigDecimal(16),
                                            rs.getBigDecimal(17));
                        }
                    }
                    List<Map<String, Object>> items = new ArrayList<>();
                    heads.forEach((id, head) -> items.add(view(head, sums.get(id), false)));
                    return new Page(List.copyOf(items), total);
                }
            }
        });
    }

    public Report report(String id) {
        return tx.executeRead(status -> load(status.getConnection(), id));
    }

    public Map<String, Object> get(String id) {
        return view(report(id));
    }

    /** draft → finalized; anything else is a 409. */
    public Map<String, Object> finalizeReport(String id) {
        return view(tx.executeWrite(status -> {
            Connection c = status.getConnection();
            Report r = load(c, id);
            if (!r.status().equals("draft")) {
                throw frozen(id, r.status(), "finalized again");
            }
            try (PreparedStatement st = c.prepareStatement(
                    "UPDATE chargeback_report SET status = 'finalized', finalized_at = ? WHERE id = ?")) {
                st.setTimestamp(1, Timestamp.from(clock.instant()));
                st.setString(2, id);
                st.executeUpdate();
            }
            return load(c, id);
        }));
    }

    /** Marks a finalized (or already exported) report exported now by {@code by} in {@code format}. */
    public Report markExported(String id, String format, String by) {
        return tx.executeWrite(status -> {
            Connection c = status.getConnection();
            Report r = load(c, id);
            if (r.status().equals("draft")) {
                throw new GatewayException(
                        409,
                        "invalid_request_error",
                        "chargeback report '" + id + "' is a draft; finalize it (POST /api/v1/chargeback/reports/" + id
                                + "/finalize) before exporting",
                        null,
                        "report_is_draft");
            }
            try (PreparedStatement st = c.prepareStatement("UPDATE chargeback_report SET status = 'exported',"
                    + " exported_at = ?, exported_by = ?, export_format = ? WHERE id = ?")) {
                st.setTimestamp(1, Timestamp.from(clock.instant()));
                st.setString(2, by);
                st.setString(3, format);
                st.setString(4, id);
                st.executeUpdate();
            }
            return load(c, id);
        });
    }

    private static GatewayException frozen(String id, String status, String what) {
        return new GatewayException(
                409,
                "invalid_request_error",
                "chargeback report '" + id + "' is " + status + " and cannot be " + what,
                null,
                "report_" + status);
    }

    private static Report load(Connection c, String id) throws SQLException {
        Report head;
        try (PreparedStatement st = c.prepareStatement("SELECT id, period, status, currency, total_cost, total_amount,"
                + " generated_at, finalized_at, exported_at, exported_by, export_format FROM chargeback_report"
                + " WHERE id = ?")) {
            st.setString(1, id);
            ResultSet rs = st.executeQuery();
            if (!rs.next()) {
                throw GatewayException.notFound("no chargeback report with id '" + id + "'");
            }
            head = head(rs, 1);
        }
        List<Line> lines = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT line_no, team_id, rule_id, rule_name, allocation_type,"
                + " allocation_target, allocation_percent, metadata::text, cost, amount FROM chargeback_line"
                + " WHERE report_id = ? ORDER BY line_no")) {
            st.setString(1, id);
            ResultSet rs = st.executeQuery();
            while (rs.next()) {
                lines.add(new Line(
                        rs.getInt(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getBigDecimal(7),
                        rs.getString(8),
                        rs.getBigDecimal(9),
                        rs.getBigDecimal(10)));
            }
        }
        return new Report(
                head.id(),
                head.period(),
                head.status(),
                head.currency(),
                head.totalCost(),
                head.totalAmount(),
                head.generatedAt(),
                head.finalizedAt(),
                head.exportedAt(),
                head.exportedBy(),
                head.exportFormat(),
                List.copyOf(lines));
    }

    /** A report's header (no lines) from the 11 columns of {@code rs} from {@code from} on. */
    private static Report head(ResultSet rs, int from) throws SQLException {
        return new Report(
                rs.getString(from),
                rs.getObject(from + 1, LocalDate.class),
                rs.getString(from + 2),
                rs.getString(from + 3),
                rs.getBigDecimal(from + 4),
                rs.getBigDecimal(from + 5),
                instant(rs.getTimestamp(from + 6)),
                instant(rs.getTimestamp(from + 7)),
                instant(rs.getTimestamp(from + 8)),
                rs.getString(from + 9),
                rs.getString(from + 10),
                List.of());
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    /** The report as the API shows it: totals, by team, by allocation target, unallocated, lines. */
    public Map<String, Object> view(Report r) {
        Sums sums = new Sums();
        for (Line l : r.lines()) {
            sums.add(l);
        }
        return view(r, sums, true);
    }

    /** The sums a report shows: by team, by allocation type and target, unallocated; each exact cost and cents. */
    private static final class Sums {
        final Map<String, BigDecimal[]> teams = new TreeMap<>();
        final Map<String, BigDecimal[]> targets = new TreeMap<>();
        final BigDecimal[] unallocated = zero();

        void add(Line l) {
            add("team", l.teamId(), null, l.cost(), l.amount());
            if (l.type().equals(UNALLOCATED)) {
                add(UNALLOCATED, null, null, l.cost(), l.amount());
            } else {
                add("target", l.type(), l.target(), l.cost(), l.amount());
            }
        }

        /** Adds to the sum of {@code kind} ({@code team}, {@code target} or {@code unallocated}). */
        void add(String kind, String k1, String k2, BigDecimal cost, BigDecimal amount) {
            BigDecimal[] s = switch (kind) {
                case "team" -> teams.computeIfAbsent(k1, k -> zero());
                case "target" -> targets.computeIfAbsent(k1 + "\u0000" + k2, k -> zero());
                default -> unallocated;
            };
            s[0] = s[0].add(cost);
            s[1] = s[1].add(amount);
        }
    }

    private Map<String, Object> view(Report r, Sums sums, boolean withLines) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", r.id());
        v.put("period", YearMonth.from(r.period()).toString());
        v.put("status", r.status());
        v.put("currency", r.currency());
        v.put("total_cost", r.totalCost().stripTrailingZeros().toPlainString());
        v.put("total", r.totalAmount());
        v.put("generated_at", r.generatedAt().toString());
        v.put("finalized_at", r.finalizedAt() == null ? null : r.finalizedAt().toString());
        v.put("exported_at", r.exportedAt() == null ? null : r.exportedAt().toString());
        v.put("exported_by", r.exportedBy());
        v.put("export_format", r.exportFormat());
        List<Map<String, Object>> byTeam = new ArrayList<>();
        sums.teams.forEach((team, s) -> {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("team_id", team);
            t.put("cost", s[0].stripTrailingZeros().toPlainString());
            t.put("amount", s[1]);
            byTeam.add(t);
        });
        List<Map<String, Object>> byTarget = new ArrayList<>();
        sums.targets.forEach((key, s) -> {
            String[] parts = key.split("\u0000", 2);
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("allocation_type", parts[0]);
            t.put("allocation_target", parts[1]);
            t.put("cost", s[0].stripTrailingZeros().toPlainString());
            t.put("amount", s[1]);
            byTarget.add(t);
        });
        v.put("by_team", byTeam);
        v.put("by_allocation_target", byTarget);
        BigDecimal[] unallocated = sums.unallocated;
        v.put(
                UNALLOCATED,
                Map.of("cost", unallocated[0].stripTrailingZeros().toPlainString(), "amount", unallocated[1]));
        if (!withLines) {
            return v;
        }
        List<Map<String, Object>> lines = new ArrayList<>();
        for (Line l : r.lines()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("line", l.lineNo());
            m.put("team_id", l.teamId());
            m.put("rule_id", l.ruleId());
            m.put("rule_name", l.ruleName());
            m.put("allocation_type", l.type());
            m.put("allocation_target", l.target());
            m.put("allocation_percent", l.percent().stripTrailingZeros().toPlainString());
            m.put("metadata", AllocationRules.metadata(json, l.metadata()));
            m.put("cost", l.cost().stripTrailingZeros().toPlainString());
            m.put("amount", l.amount());
            lines.add(m);
        }
        v.put("lines", lines);
        return v;
    }

    private static BigDecimal[] zero() {
        return new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO.setScale(2)};
    }
}
