package dev.tollgate.analytics.chargeback;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Map;

/**
 * The month close (docs/chargeback.md): on the first day of a month (budget time zone) the previous month's
 * chargeback draft is generated from the complete rollups and a {@code chargeback_ready} alert says so, once
 * per month. The schedule runs it daily (EventBridge at 01:00 UTC on AWS, in-process locally), so every
 * time zone sees its own first day; on other days it does nothing. A month already finalized or exported
 * is left alone.
 */
public final class MonthClose {
    private final ChargebackReports reports;
    private final DraftReadyAlerts alerts;
    private final ObjectMapper json;
    private final Clock clock;
    private final ZoneId zone;

    public MonthClose(ChargebackReports reports, DraftReadyAlerts alerts, ObjectMapper json, Clock clock, ZoneId zone) {
        this.reports = reports;
        this.alerts = alerts;
        this.json = json;
        this.clock = clock;
        this.zone = zone;
    }

    /** What a run did, for the job's answer and the log. */
    public record Outcome(YearMonth period, String status, String reportId, boolean alerted) {
        @Override
        public String toString() {
            return period + " " + status + (reportId == null ? "" : " (report " + reportId + ")")
                    + (alerted ? ", chargeback_ready sent" : "");
        }
    }

    /** On the first day of a month: closes the previous one; otherwise nothing ({@code status} {@code not_due}). */
    public Outcome close() {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        YearMonth previous = YearMonth.from(today).minusMonths(1);
        if (today.getDayOfMonth() != 1) {
            return new Outcome(previous, "not_due", null, false);
        }
        return close(previous);
    }

    /** Generates {@code month}'s draft (unless finalized or exported) and announces it once. */
    public Outcome close(YearMonth month) {
        for (Map<String, Object> r : reports.list()) {
            if (month.toString().equals(r.get("period")) && !"draft".equals(r.get("status"))) {
                return new Outcome(month, "already_" + r.get("status"), (String) r.get("id"), false);
            }
        }
        Map<String, Object> draft = reports.generate(json.createObjectNode().put("period", month.toString()));
        String id = (String) draft.get("id");
        BigDecimal total = new BigDecimal((String) draft.get("total_cost"));
        return new Outcome(month, "draft", id, alerts.ready(month, total));
    }
}
