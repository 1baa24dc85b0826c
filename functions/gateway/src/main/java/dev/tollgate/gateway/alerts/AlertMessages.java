package dev.tollgate.gateway.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.budget.BudgetWindow;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The words and the JSON of an alert, the same for every channel (SNS, webhook, console, {@code GET /alerts}).
 * The JSON payload's fields are stable and snake_case; money is a plain decimal number (docs/alerts.md).
 */
public final class AlertMessages {
    /** Subjects must be shorter than 100 characters (SNS). */
    public static final int MAX_SUBJECT = 99;
    /** The payload's schema version. */
    public static final int SCHEMA_VERSION = 1;
    /** ISO-8601 UTC with exactly three fraction digits: sorts as text. */
    static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private AlertMessages() {}

    /** One line for people, e.g. {@code Tollgate: team 'ml' at 80% of its 1mo budget}; at most 99 characters, no line breaks. */
    public static String subject(AlertEvent e) {
        String text = switch (e.type()) {
            case SOFT_BUDGET_CROSSED -> e.who() + " crossed its soft budget (" + windowName(e.window()) + ")";
            case THRESHOLD_CROSSED ->
                e.who() + " at " + e.threshold() + "% of its " + windowName(e.window()) + " budget";
            case HARD_BUDGET_REACHED -> e.who() + " reached its " + windowName(e.window()) + " hard budget";
            case KEY_EXPIRING -> e.who() + " expires " + e.resetAt();
            case FORECAST_OVERRUN ->
                e.who() + " forecast to overrun its " + windowName(e.window()) + " budget (" + probability(e)
                        + " likely)";
            case CHARGEBACK_READY -> "chargeback draft for " + e.name() + " is ready";
        };
        return subject("Tollgate: " + text);
    }

    /**
     * {@code text} as a subject: control characters (line breaks) replaced by spaces, and cut to
     * {@link #MAX_SUBJECT} characters ending in {@code ...} when longer (SNS subjects must be shorter than 100).
     */
    public static String subject(String text) {
        String clean = text.replaceAll("\\p{Cntrl}", " ");
        return clean.length() <= MAX_SUBJECT ? clean : clean.substring(0, MAX_SUBJECT - 3) + "...";
    }

    /** The first sentence of the body: what happened, with the figures. */
    public static String summary(AlertEvent e) {
        String who = capitalized(e.who());
        String window = e.window() == BudgetWindow.LIFETIME
                ? "over its lifetime"
                : "in the current " + windowName(e.window()) + " window";
        return switch (e.type()) {
            case SOFT_BUDGET_CROSSED ->
                who + " has spent " + usd(e.spend()) + " " + window + ", crossing its soft budget of " + usd(e.limit())
                        + " (" + percent(e) + "). Soft budgets only alert; no call is refused.";
            case THRESHOLD_CROSSED ->
                who + " has spent " + usd(e.spend()) + " of its " + usd(e.limit()) + " budget " + window + " ("
                        + percent(e) + "), crossing the " + e.threshold() + "% alert threshold.";
            case HARD_BUDGET_REACHED ->
                who + " has reached its hard budget: " + usd(e.spend()) + " of " + usd(e.limit()) + " " + window + " ("
                        + percent(e) + "). Calls that do not fit are refused with 429 budget_exceeded.";
            case KEY_EXPIRING ->
                who + " expires at " + e.resetAt() + "; after that its calls are refused with 401 key_expired."
                        + " Extend it with POST /key/update (duration) or issue a new key.";
            case FORECAST_OVERRUN -> forecastSummary(e, who, window);
            case CHARGEBACK_READY ->
                "The chargeback draft for " + e.name() + " is ready: " + usd(e.spend()) + " spent in the month."
                        + " Review it (GET /api/v1/chargeback/reports), then finalize and export it.";
        };
    }

    /** The readable body: the summary, when it resets, then the facts one per line. */
    public static String text(AlertEvent e) {
        StringBuilder b = new StringBuilder(summary(e)).append('\n');
        if (e.type() != AlertType.KEY_EXPIRING && e.type() != AlertType.CHARGEBACK_READY) {
            b.append(
                            e.resetAt() == null
                                    ? "This is a lifetime budget: it does not reset."
                                    : "The window resets at " + e.resetAt() + ".")
                    .append('\n');
        }
        b.append('\n')
                .append("Alert: ")
                .append(e.type().code())
                .append(" (id ")
                .append(e.alertId())
                .append(")\n")
                .append("Scope: ")
                .append(e.scopeCode())
                .append(' ')
                .append(e.id())
                .append('\n')
                .append("Team: ")
                .append(orDash(e.teamId()))
                .append('\n')
                .append("User: ")
                .append(orDash(e.userId()))
                .append('\n')
                .append("Window: ")
                .append(e.window() == null ? "-" : e.windowKey())
                .append('\n')
                .append("Occurred: ")
                .append(TIME.format(e.occurredAt()))
                .append('\n');
        return b.toString();
    }

    /** The payload as one line of JSON. */
    public static String json(AlertEvent e) {
        try {
            return JSON.writeValueAsString(payload(e));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("alert payload not serializable", ex);
        }
    }

    /**
     * The payload: {@code schema_version, alert_id, alert_type, scope, id, name, team_id, user_id, window,
     * window_start, spend, limit, threshold_percent, percent, reset_time, occurred_at, message}; absent
     * values are null, so every alert has the same fields.
     */
    public static ObjectNode payload(AlertEvent e) {
        ObjectNode o = JSON.createObjectNode();
        o.put("schema_version", SCHEMA_VERSION);
        o.put("alert_id", e.alertId());
        o.put("alert_type", e.type().code());
        o.put("scope", e.scopeCode());
        o.put("id", e.id());
        o.put("name", e.name());
        o.put("team_id", e.teamId());
        o.put("user_id", e.userId());
        o.put("window", e.window() == null ? null : e.window().code());
        o.put("window_start", windowStart(e));
        o.put("spend", e.spend());
        o.put("limit", e.limit());
        o.put("threshold_percent", e.threshold());
        o.put("percent", e.percent());
        o.put("reset_time", e.resetAt() == null ? null : e.resetAt().toString());
        o.put("occurred_at", TIME.format(e.occurredAt()));
        AlertEvent.Projected f = e.forecast();
        o.put("forecasted_cost", f == null ? null : f.forecastedCost());
        o.put("confidence_low", f == null ? null : f.low());
        o.put("confidence_high", f == null ? null : f.high());
        o.put(
                "projected_exhaustion_date",
                f == null || f.exhaustionDate() == null
                        ? null
                        : f.exhaustionDate().toString());
        o.put("probability_over_budget", f == null ? null : f.probability());
        o.put("message", summary(e));
        return o;
    }

    /** One log line: type, id and summary. */
    public static String line(AlertEvent e) {
        return e.type().code() + " " + e.alertId() + ": " + summary(e)
                + (e.resetAt() == null || e.type() == AlertType.KEY_EXPIRING ? "" : " Resets " + e.resetAt() + ".");
    }

    /** Dollars for people: two decimals, all digits when less than a cent. */
    static String usd(BigDecimal amount) {
        if (amount == null) {
            return "-";
        }
        BigDecimal shown = amount.abs().compareTo(new BigDecimal("0.01")) < 0 && amount.signum() != 0
                ? amount.stripTrailingZeros()
                : amount.setScale(2, RoundingMode.HALF_UP);
        return "$" + shown.toPlainString();
    }

    private static String forecastSummary(AlertEvent e, String who, String window) {
        AlertEvent.Projected f = e.forecast();
        if (f == null) {
            return who + " is forecast to overrun its " + usd(e.limit()) + " budget " + window + ".";
        }
        return who + " has spent " + usd(e.spend()) + " of its " + usd(e.limit()) + " budget " + window
                + " and is forecast to reach " + usd(f.forecastedCost()) + " (80% interval " + usd(f.low()) + " to "
                + usd(f.high()) + "); the probability of going over is " + probability(e) + "."
                + (f.exhaustionDate() == null
                        ? ""
                        : " The budget is projected to run out on " + f.exhaustionDate() + ".");
    }

    private static String probability(AlertEvent e) {
        return e.forecast() == null || e.forecast().probability() == null
                ? "-"
                : e.forecast()
                                .probability()
                                .multiply(BigDecimal.valueOf(100))
                                .setScale(0, RoundingMode.HALF_UP)
                                .toPlainString()
                        + "%";
    }

    private static String percent(AlertEvent e) {
        BigDecimal p = e.percent();
        return p == null ? "-" : p.stripTrailingZeros().toPlainString() + "%";
    }

    private static String windowStart(AlertEvent e) {
        if (e.window() == null || e.window() == BudgetWindow.LIFETIME) {
            return null;
        }
        int hash = e.windowKey().indexOf('#');
        return hash < 0 ? null : e.windowKey().substring(hash + 1);
    }

    private static String windowName(BudgetWindow window) {
        return window == null ? "-" : window == BudgetWindow.LIFETIME ? "lifetime" : window.code();
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String orDash(String s) {
        return s == null ? "-" : s;
    }

    static Instant parseTime(String s) {
        return s == null ? null : Instant.parse(s);
    }
}
