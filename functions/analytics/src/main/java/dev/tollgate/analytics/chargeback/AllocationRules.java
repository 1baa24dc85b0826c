package dev.tollgate.analytics.chargeback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.analytics.api.Deleted;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * {@code /api/v1/cost-allocation/rules}: who books what share of a team's (or a tag's) spend. The rules
 * of one team (or tag) may not exceed 100% in total; the check runs in the writing transaction under a
 * lock on the table, so two concurrent writers cannot together pass it.
 */
public final class AllocationRules {
    static final Set<String> TYPES = Set.of("cost_center", "project", "department");
    private static final Set<String> FIELDS =
            Set.of("name", "team_id", "tag", "allocation_type", "allocation_target", "allocation_percent", "metadata");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final String COLUMNS =
            "id, name, team_id, tag, allocation_type, allocation_target, allocation_percent, metadata::text,"
                    + " created_at, updated_at";

    /** A stored rule. */
    public record Rule(
            String id,
            String name,
            String teamId,
            String tag,
            String type,
            String target,
            BigDecimal percent,
            String metadata,
            Instant createdAt,
            Instant updatedAt) {}

    private final TransactionOperations<Connection> tx;
    private final ObjectMapper json;
    private final Clock clock;

    public AllocationRules(TransactionOperations<Connection> tx, ObjectMapper json, Clock clock) {
        this.tx = tx;
        this.json = json;
        this.clock = clock;
    }

    public Map<String, Object> create(JsonNode body) {
        checkFields(body);
        Instant now = clock.instant();
        Rule rule = parse(body, null, UUID.randomUUID().toString(), now);
        return tx.executeWrite(status -> {
            Connection c = status.getConnection();
            lock(c);
            checkTotal(c, rule);
            try (PreparedStatement st = c.prepareStatement("INSERT INTO allocation_rule ("
                    + COLUMNS.replace("::text", "") + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)")) {
                bind(st, rule);
                st.executeUpdate();
            }
            return view(rule);
        });
    }

    public List<Map<String, Object>> list() {
        return all().stream().map(this::view).toList();
    }

    /** Every rule, by team or tag, then name. */
    public List<Rule> all() {
        return tx.executeRead(status -> query(
                status.getConnection(),
                "SELECT " + COLUMNS + " FROM allocation_rule ORDER BY team_id NULLS LAST, tag, name, id",
                null));
    }

    public Map<String, Object> get(String id) {
        return view(require(id));
    }

    public Map<String, Object> update(String id, JsonNode body) {
        checkFields(body);
        return tx.executeWrite(status -> {
            Connection c = status.getConnection();
            lock(c);
            Rule current = find(c, id).orElseThrow(() -> notFound(id));
            Rule next = parse(body, current, id, clock.instant());
            checkTotal(c, next);
            try (PreparedStatement st = c.prepareStatement("UPDATE allocation_rule SET name = ?, team_id = ?, tag = ?,"
                    + " allocation_type = ?, allocation_target = ?, allocation_percent = ?, metadata = ?::jsonb,"
                    + " updated_at = ? WHERE id = ?")) {
                st.setString(1, next.name());
                st.setString(2, next.teamId());
                st.setString(3, next.tag());
                st.setString(4, next.type());
                st.setString(5, next.target());
                st.setBigDecimal(6, next.percent());
                st.setString(7, next.metadata());
                st.setTimestamp(8, Timestamp.from(next.updatedAt()));
                st.setString(9, id);
                st.executeUpdate();
            }
            return view(next);
        });
    }

    public Map<String, Object> delete(String id) {
        return tx.executeWrite(status -> {
            try (PreparedStatement st =
                    status.getConnection().prepareStatement("DELETE FROM allocation_rule WHERE id = ?")) {
                st.setString(1, id);
                if (st.executeUpdate() == 0) {
                    throw notFound(id);
                }
            }
            return Deleted.answer(id);
        });
    }

    private Rule require(String id) {
        return tx.executeRead(status -> find(status.getConnection(), id)).orElseThrow(() -> notFound(id));
    }

    private static Optional<Rule> find(Connection c, String id) throws SQLException {
        return query(c, "SELECT " + COLUMNS + " FROM allocation_rule WHERE id = ?", id).stream()
                .findFirst();
    }

    private static void lock(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("LOCK TABLE allocation_rule IN SHARE ROW EXCLUSIVE MODE")) {
            st.execute();
        }
    }

    /** 400 naming the rules when the rule's team (or tag) would exceed 100%. */
    private static void checkTotal(Connection c, Rule rule) throws SQLException {
        boolean team = rule.teamId() != null;
        List<Rule> others = query(
                        c,
                        "SELECT " + COLUMNS + " FROM allocation_rule WHERE " + (team ? "team_id" : "tag")
                                + " = ? ORDER BY name, id",
                        team ? rule.teamId() : rule.tag())
                .stream()
                .filter(r -> !r.id().equals(rule.id()))
                .toList();
        BigDecimal sum = others.stream().map(Rule::percent).reduce(rule.percent(), BigDecimal::add);
        if (sum.compareTo(HUNDRED) > 0) {
            List<Rule> named = new ArrayList<>(others);
            named.add(rule);
            String list = named.stream()
                    .map(r -> "'" + r.name() + "' ("
                            + r.percent().stripTrailingZeros().toPlainString() + "%)")
                    .collect(Collectors.joining(", "));
            throw GatewayException.invalidRequest(
                    "the rules of " + (team ? "team '" + rule.teamId() : "tag '" + rule.tag()) + "' would allocate "
                            + sum.stripTrailingZeros().toPlainString() + "% (at most 100%): " + list,
                    "allocation_percent");
        }
    }

    private static List<Rule> query(Connection c, String sql, String arg) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            if (arg != null) {
                st.setString(1, arg);
            }
            ResultSet rs = st.executeQuery();
            List<Rule> rules = new ArrayList<>();
            while (rs.next()) {
                rules.add(new Rule(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getBigDecimal(7),
                        rs.getString(8),
                        rs.getTimestamp(9).toInstant(),
                        rs.getTimestamp(10).toInstant()));
            }
            return rules;
        }
    }

    private static void bind(PreparedStatement st, Rule r) throws SQLException {
        st.setString(1, r.id());
        st.setString(2, r.name());
        st.setString(3, r.teamId());
        st.setString(4, r.tag());
        st.setString(5, r.type());
        st.setString(6, r.target());
        st.setBigDecimal(7, r.percent());
        st.setString(8, r.metadata());
        st.setTimestamp(9, Timestamp.from(r.createdAt()));
        st.setTimestamp(10, Timestamp.from(r.updatedAt()));
    }

    /** The rule {@code body} describes; on update, fields it leaves out keep {@code current}'s values. */
    private Rule parse(JsonNode body, Rule current, String id, Instant now) {
        String name = body.has("name") || current == null ? text(body, "name") : current.name();
        String teamId = current == null ? null : current.teamId();
        String tag = current == null ? null : current.tag();
        if (body.has("team_id") || body.has("tag")) {
            teamId = body.has("team_id") && !body.get("team_id").isNull() ? text(body, "team_id") : null;
            tag = body.has("tag") && !body.get("tag").isNull() ? text(body, "tag") : null;
        }
        if ((teamId == null) == (tag == null)) {
            throw GatewayException.invalidRequest("a rule needs exactly one of 'team_id' and 'tag'", "team_id");
        }
        String type = body.has("allocation_type") || current == null ? text(body, "allocation_type") : current.type();
        if (!TYPES.contains(type)) {
            throw GatewayException.invalidRequest(
                    "'allocation_type' must be one of cost_center, project, department; got '" + type + "'",
                    "allocation_type");
        }
        String target =
                body.has("allocation_target") || current == null ? text(body, "allocation_target") : current.target();
        BigDecimal percent = current == null ? HUNDRED : current.percent();
        JsonNode p = body.path("allocation_percent");
        if (!p.isMissingNode() && !p.isNull()) {
            if (!p.isNumber()
                    || p.decimalValue().signum() <= 0
                    || p.decimalValue().compareTo(HUNDRED) > 0) {
                throw GatewayException.invalidRequest(
                        "'allocation_percent' must be a number above 0 and at most 100", "allocation_percent");
            }
            if (p.decimalValue().stripTrailingZeros().scale() > 6) {
                throw GatewayException.invalidRequest(
                        "'allocation_percent' has at most 6 decimals", "allocation_percent");
            }
            percent = p.decimalValue();
        }
        String metadata = current == null ? "{}" : current.metadata();
        JsonNode m = body.path("metadata");
        if (!m.isMissingNode()) {
            if (!m.isObject() && !m.isNull()) {
                throw GatewayException.invalidRequest("'metadata' must be a JSON object", "metadata");
            }
            try {
                metadata = m.isNull() ? "{}" : json.writeValueAsString(m);
            } catch (JsonProcessingException e) {
                throw GatewayException.invalidRequest("'metadata' must be a JSON object", "metadata");
            }
        }
        return new Rule(
                id,
                name,
                teamId,
                tag,
                type,
                target,
                percent,
                metadata,
                current == null ? now : current.createdAt(),
                now);
    }

    Map<String, Object> view(Rule r) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", r.id());
        v.put("name", r.name());
        v.put("team_id", r.teamId());
        v.put("tag", r.tag());
        v.put("allocation_type", r.type());
        v.put("allocation_target", r.target());
        v.put("allocation_percent", r.percent().stripTrailingZeros());
        v.put("metadata", metadata(json, r.metadata()));
        v.put("created_at", r.createdAt().toString());
        v.put("updated_at", r.updatedAt().toString());
        return v;
    }

    static JsonNode metadata(ObjectMapper json, String text) {
        try {
            return text == null ? json.createObjectNode() : json.readTree(text);
        } catch (JsonProcessingException e) {
            ObjectNode broken = json.createObjectNode();
            broken.put("unreadable", text);
            return broken;
        }
    }

    private static GatewayException notFound(String id) {
        return GatewayException.notFound("no allocation rule with id '" + id + "'");
    }

    private static void checkFields(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw GatewayException.invalidRequest("the body must be a JSON object", null);
        }
        body.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.contains(f)) {
                throw GatewayException.invalidRequest("unknown field '" + f + "'", f);
            }
        });
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.path(field);
        if (!v.isTextual() || v.asText().isBlank()) {
            throw GatewayException.invalidRequest("'" + field + "' is required (a non-empty string)", field);
        }
        return v.asText().trim();
    }
}
