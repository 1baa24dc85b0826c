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
        YearMonth due = due();
        if (due == null) {
            return new Outcome(YearMonth.now(clock.withZone(zone)).minusMonths(1), "not_due", null, false);
        }
        return close(due);
    }

    /** The month to close today: the previous one on the first day of a month (budget time zone), else null. */
    public YearMonth due() {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        return today.getDayOfMonth() == 1 ? YearMonth.from(today).minusMonths(1) : null;
    }

    /**
     * Generates {@code month}'s draft (unless finalized or exported) and announces it once. Safe to re-run after a
     * failure, on any day: the draft is written in one transaction (a failed one leaves nothing), a second run
     * replaces it with the same rows under the same id, and the alert fires once per month. Reads only the month's
     * own report row (not every report with its lines).
     */
    public Outcome close(YearMonth month) {
        ChargebackReports.Head head = reports.head(month);
        if (head != null && !"draft".equals(head.status())) {
            return new Outcome(month, "already_" + head.status(), head.id(), false);
        }
        Map<String, Object> draft = reports.generate(json.createObjectNode().put("period", month.toString()));
        String id = (String) draft.get("id");
        BigDecimal total = new BigDecimal((String) draft.get("total_cost"));
        return new Outcome(month, "draft", id, alerts.ready(month, total));
    }
}
