package dev.tollgate.gateway.alerts;

import dev.tollgate.gateway.budget.BudgetWindow;
import dev.tollgate.gateway.budget.Scope;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * One alert. Budget alerts name a counter (scope, id, window instance) and its spend against a limit;
 * a key-expiry alert names the key and when it expires ({@code resetAt}).
 *
 * <p>{@link #dedupKey()} says what "the same alert" is: fired at most once per key, however many
 * calls cross it (docs/alerts.md). It includes the limit, so raising a budget mid-window re-arms it.
 *
 * @param type       what happened
 * @param scope      whose budget (or {@link Scope#KEY} for key expiry)
 * @param id         the scope's id (key id, user id, team id, {@code team/user}, tag, end user, {@code global})
 * @param name       how people know it: the key's alias or prefix for keys, else the id
 * @param teamId     the team the scope belongs to, for routing and listing; null when none
 * @param userId     the internal user the scope belongs to; null when none
 * @param window     the budget window; null for key expiry
 * @param windowKey  the window instance, as in the counter's sort key ({@code 1mo#2026-03-01T00:00:00Z},
 *                   {@code lifetime#-}); for key expiry {@code expires#<instant>}
 * @param spend      USD spent in the window when it fired; null for key expiry
 * @param limit      the budget it is measured against (the soft budget for soft alerts), USD; null for key expiry
 * @param threshold  the configured percentage crossed (100 for the hard budget); null for soft and expiry alerts
 * @param resetAt    when the window resets (null for lifetime), or when the key expires
 * @param occurredAt when it fired
 * @param forecast   what a {@link AlertType#FORECAST_OVERRUN} projects; null for every other alert
 */
public record AlertEvent(
        AlertType type,
        Scope scope,
        String id,
        String name,
        String teamId,
        String userId,
        BudgetWindow window,
        String windowKey,
        BigDecimal spend,
        BigDecimal limit,
        Integer threshold,
        Instant resetAt,
        Instant occurredAt,
        Projected forecast) {

    /**
     * A forecast's figures for the window ({@code spend} is the spend so far, {@code limit} the budget).
     *
     * @param forecastedCost  the window's projected total
     * @param low             the 80% interval of that total
     * @param exhaustionDate  the day the budget is projected to run out; null if it is not expected to
     * @param probability     P(the window's spend exceeds the budget), 0..1
     */
    public record Projected(
            BigDecimal forecastedCost,
            BigDecimal low,
            BigDecimal high,
            java.time.LocalDate exhaustionDate,
            BigDecimal probability) {}

    public AlertEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(windowKey, "windowKey");
        Objects.requireNonNull(occurredAt, "occurredAt");
        name = name == null || name.isBlank() ? id : name;
    }

    /** Spend as a percentage of the limit, two decimals; null without both. */
    public BigDecimal percent() {
        if (spend == null || limit == null || limit.signum() == 0) {
            return null;
        }
        return spend.multiply(BigDecimal.valueOf(100)).divide(limit, 2, RoundingMode.HALF_UP);
    }

    /** The scope's wire name: {@code key}, {@code user}, {@code team}, {@code team_member}, {@code end_user}, {@code tag}, {@code global}. */
    public String scopeCode() {
        return scope.name().toLowerCase(Locale.ROOT);
    }

    /** Partition key of this alert's once-only marker: {@code ALERT#<SCOPE>#<id>}. */
    public String markerPk() {
        return "ALERT#" + scope.prefix() + "#" + id;
    }

    /**
     * Sort key of the marker: {@code <window key>#<TYPE>#<threshold or ->#<limit or ->}, e.g.
     * {@code 1mo#2026-03-01T00:00:00Z#THRESHOLD_CROSSED#80#100}. One marker per window instance,
     * type, threshold and limit.
     */
    public String markerSk() {
        return windowKey + "#" + type.name() + "#" + (threshold == null ? "-" : threshold) + "#"
                + (limit == null ? "-" : limit.stripTrailingZeros().toPlainString());
    }

    /** {@code markerPk|markerSk}: equal for every call that crosses the same line. */
    public String dedupKey() {
        return markerPk() + "|" + markerSk();
    }

    /** A stable id for subscribers to de-duplicate on: the first 20 hex digits of SHA-256 of {@link #dedupKey()}. */
    public String alertId() {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(dedupKey().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present", e);
        }
    }

    /** For messages: {@code team 'ml'}, {@code key 'prod-bot'}, {@code global}. */
    public String who() {
        return scope == Scope.GLOBAL ? scope.label() : scope.label() + " '" + name + "'";
    }
}
