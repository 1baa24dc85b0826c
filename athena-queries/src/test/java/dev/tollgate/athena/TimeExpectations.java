package dev.tollgate.athena;

import static dev.tollgate.athena.Calls.count;
import static dev.tollgate.athena.Calls.spend;
import static dev.tollgate.athena.Calls.sum;

import dev.tollgate.gateway.spendlog.SpendLogRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Expectations of the daily, hourly and month-to-date queries. */
final class TimeExpectations {
    private TimeExpectations() {}

    static void register(Map<String, Expectation> all) {
        all.put(
                "daily_user_activity.sql",
                new Expectation(Expectation.ALL, rs -> dailyUserActivity(SpendExpectations.in(rs, Expectation.ALL))));
        all.put(
                "hourly_trend.sql",
                new Expectation(
                        Expectation.TWO_DAYS, rs -> hourlyTrend(SpendExpectations.in(rs, Expectation.TWO_DAYS))));
        all.put(
                "month_to_date_vs_last_month.sql",
                new Expectation(
                        List.of("2025-06-03", "2025-06-03", "2025-06-03"), rs -> monthToDate(rs, "2025-06-03")));
    }

    private static List<List<Object>> dailyUserActivity(List<SpendLogRecord> rs) {
        List<List<Object>> rows = new ArrayList<>();
        Calls.groupBy(rs, Calls::dt, null)
                .forEach((day, ofDay) -> Calls.groupBy(ofDay, SpendLogRecord::userId, "(none)")
                        .forEach((user, g) -> rows.add(Arrays.asList(
                                day,
                                user,
                                (long) g.size(),
                                count(g, r -> r.status() < 400),
                                count(g, r -> r.status() >= 400),
                                sum(g, SpendLogRecord::promptTokens),
                                sum(g, SpendLogRecord::completionTokens),
                                sum(g, SpendLogRecord::totalTokens),
                                spend(g)))));
        return rows;
    }

    private static List<List<Object>> hourlyTrend(List<SpendLogRecord> rs) {
        List<List<Object>> rows = new ArrayList<>();
        Calls.groupBy(rs, r -> Calls.dt(r) + " " + Calls.hour(r), null)
                .forEach((dayHour, g) -> rows.add(Arrays.asList(
                        dayHour.substring(0, 10),
                        dayHour.substring(11),
                        (long) g.size(),
                        count(g, r -> r.status() >= 400),
                        count(g, SpendLogRecord::stream),
                        sum(g, SpendLogRecord::totalTokens),
                        spend(g))));
        return rows;
    }

    /** The 1st of asOf's month through asOf, and the same days of the month before; current month first. */
    private static List<List<Object>> monthToDate(List<SpendLogRecord> rs, String asOf) {
        java.time.LocalDate day = java.time.LocalDate.parse(asOf);
        String thisMonth = asOf.substring(0, 7);
        String lastMonth = day.minusMonths(1).toString().substring(0, 7);
        Map<String, List<SpendLogRecord>> byMonth = new TreeMap<>(Comparator.reverseOrder());
        for (SpendLogRecord r : rs) {
            String dt = Calls.dt(r);
            String month = dt.substring(0, 7);
            boolean sameDays = Integer.parseInt(dt.substring(8)) <= day.getDayOfMonth();
            if (sameDays && (month.equals(thisMonth) || month.equals(lastMonth)) && dt.compareTo(asOf) <= 0) {
                byMonth.computeIfAbsent(month, m -> new ArrayList<>()).add(r);
            }
        }
        List<List<Object>> rows = new ArrayList<>();
        byMonth.forEach((month, g) -> rows.add(Arrays.asList(
                month,
                g.stream().map(Calls::dt).distinct().count(),
                (long) g.size(),
                sum(g, SpendLogRecord::totalTokens),
                spend(g))));
        return rows;
    }
}
