package dev.tollgate.gateway.alerts;

import dev.tollgate.gateway.budget.BudgetWindow;
import dev.tollgate.gateway.budget.Scope;
import dev.tollgate.gateway.storage.TableDefinition;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The alert items of the one table (docs/alerts.md):
 * <ul>
 *   <li>marker: {@code ALERT#<SCOPE>#<id>} / {@code <window key>#<TYPE>#<threshold>#<limit>}, written once
 *       with {@code attribute_not_exists(pk)}; TTL a week after the window ends (none for lifetime);</li>
 *   <li>listing copies: {@code ALERTLOG#<alert id>} / {@code ALL}, {@code TEAM#<team>}, {@code USER#<user>},
 *       each on {@code gsi1} as {@code ALERTS#<audience>} / {@code <occurred at>#<alert id>}; TTL the history period.</li>
 * </ul>
 */
final class AlertItems {
    /** A marker outlives its window by this much, so a late settlement of that window cannot fire it again. */
    static final Duration MARKER_GRACE = Duration.ofDays(7);
    /** The condition that makes a marker a once-only claim. */
    static final String CLAIM_CONDITION = "attribute_not_exists(pk)";

    static final String ALL = "ALL";

    private AlertItems() {}

    static Map<String, AttributeValue> marker(AlertEvent e) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(TableDefinition.PK, s(e.markerPk()));
        item.put(TableDefinition.SK, s(e.markerSk()));
        item.put("alert_id", s(e.alertId()));
        item.put("alert_type", s(e.type().code()));
        item.put("occurred_at", s(AlertMessages.TIME.format(e.occurredAt())));
        if (e.resetAt() != null) {
            item.put(TableDefinition.TTL, n(e.resetAt().plus(MARKER_GRACE).getEpochSecond()));
        }
        return item;
    }

    /** The listing audiences of an alert: {@code ALL}, its team and its user. */
    static List<String> audiences(AlertEvent e) {
        List<String> audiences = new ArrayList<>(List.of(ALL));
        if (e.teamId() != null) {
            audiences.add(team(e.teamId()));
        }
        if (e.userId() != null) {
            audiences.add(user(e.userId()));
        }
        return audiences;
    }

    static String team(String teamId) {
        return "TEAM#" + teamId;
    }

    static String user(String userId) {
        return "USER#" + userId;
    }

    static String gsiPk(String audience) {
        return "ALERTS#" + audience;
    }

    static Map<String, AttributeValue> listing(AlertEvent e, String audience, Duration history) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(TableDefinition.PK, s("ALERTLOG#" + e.alertId()));
        item.put(TableDefinition.SK, s(audience));
        item.put(TableDefinition.GSI1_PK, s(gsiPk(audience)));
        item.put(TableDefinition.GSI1_SK, s(AlertMessages.TIME.format(e.occurredAt()) + "#" + e.alertId()));
        item.put(TableDefinition.TTL, n(e.occurredAt().plus(history).getEpochSecond()));
        item.put("alert_type", s(e.type().name()));
        item.put("scope", s(e.scope().name()));
        item.put("id", s(e.id()));
        item.put("name", s(e.name()));
        item.put("window_key", s(e.windowKey()));
        item.put("occurred_at", s(e.occurredAt().toString()));
        putIf(item, "team_id", e.teamId() == null ? null : s(e.teamId()));
        putIf(item, "user_id", e.userId() == null ? null : s(e.userId()));
        putIf(item, "window", e.window() == null ? null : s(e.window().name()));
        putIf(item, "spend", e.spend() == null ? null : n(e.spend()));
        putIf(item, "limit", e.limit() == null ? null : n(e.limit()));
        putIf(item, "threshold", e.threshold() == null ? null : n(e.threshold()));
        putIf(item, "reset_at", e.resetAt() == null ? null : s(e.resetAt().toString()));
        AlertEvent.Projected f = e.forecast();
        if (f != null) {
            putIf(item, "forecasted_cost", f.forecastedCost() == null ? null : n(f.forecastedCost()));
            putIf(item, "confidence_low", f.low() == null ? null : n(f.low()));
            putIf(item, "confidence_high", f.high() == null ? null : n(f.high()));
            putIf(
                    item,
                    "exhaustion_date",
                    f.exhaustionDate() == null ? null : s(f.exhaustionDate().toString()));
            putIf(item, "probability", f.probability() == null ? null : n(f.probability()));
        }
        return item;
    }

    static AlertEvent event(Map<String, AttributeValue> item) {
        return new AlertEvent(
                AlertType.valueOf(str(item, "alert_type")),
                Scope.valueOf(str(item, "scope")),
                str(item, "id"),
                str(item, "name"),
                str(item, "team_id"),
                str(item, "user_id"),
                item.containsKey("window") ? BudgetWindow.valueOf(str(item, "window")) : null,
                str(item, "window_key"),
                dec(item, "spend"),
                dec(item, "limit"),
                item.containsKey("threshold")
                        ? Integer.valueOf(item.get("threshold").n())
                        : null,
                AlertMessages.parseTime(str(item, "reset_at")),
                Instant.parse(str(item, "occurred_at")),
                item.containsKey("forecasted_cost") ? projected(item) : null);
    }

    /** A {@code forecast_overrun}'s projection, as {@link #listing} stored it. */
    private static AlertEvent.Projected projected(Map<String, AttributeValue> item) {
        String date = str(item, "exhaustion_date");
        return new AlertEvent.Projected(
                dec(item, "forecasted_cost"),
                dec(item, "confidence_low"),
                dec(item, "confidence_high"),
                date == null ? null : java.time.LocalDate.parse(date),
                dec(item, "probability"));
    }

    private static void putIf(Map<String, AttributeValue> item, String name, AttributeValue value) {
        if (value != null) {
            item.put(name, value);
        }
    }

    private static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }

    private static BigDecimal dec(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : new BigDecimal(v.n());
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(BigDecimal value) {
        return AttributeValue.fromN(value.toPlainString());
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
