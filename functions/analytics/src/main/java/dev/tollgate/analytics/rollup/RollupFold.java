package dev.tollgate.analytics.rollup;

import dev.tollgate.gateway.spendlog.SpendLogRecord;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows a set of spend-log lines adds to the rollups, summed in memory (pure, no I/O): each call
 * once in its {@code tag = '*'} daily row, once in each of its tags' rows ({@code ''} when it has
 * none), once in each coarse table ({@link CoarseTable}), and, when it reached a provider, once in its five-minute
 * health row. Days are calendar days
 * in the budget time zone; health buckets are UTC instants aligned to five minutes.
 */
public final class RollupFold {
    private static final long FIVE_MINUTES_MS = 5 * 60 * 1000L;

    private final ZoneId zone;
    private final Map<DailyKey, DailyTotals> daily = new LinkedHashMap<>();
    private final Map<HealthKey, HealthTotals> health = new LinkedHashMap<>();
    private final Map<CoarseTable, Map<CoarseTable.CoarseKey, DailyTotals>> coarse =
            new java.util.EnumMap<>(CoarseTable.class);

    public RollupFold(ZoneId zone) {
        this.zone = zone;
        for (CoarseTable t : CoarseTable.values()) {
            coarse.put(t, new LinkedHashMap<>());
        }
    }

    /** The budget-zone day of a call. */
    public LocalDate day(SpendLogRecord r) {
        return LocalDate.ofInstant(r.startTime(), zone);
    }

    /** The days these calls fall on (budget time zone), in order. */
    public java.util.SortedSet<LocalDate> days() {
        java.util.SortedSet<LocalDate> days = new java.util.TreeSet<>();
        daily.keySet().forEach(k -> days.add(k.day()));
        return days;
    }

    /** Adds every record. */
    public RollupFold addAll(List<SpendLogRecord> records) {
        records.forEach(this::add);
        return this;
    }

    /** Adds one call. */
    public void add(SpendLogRecord r) {
        LocalDate day = day(r);
        daily.computeIfAbsent(key(r, day, DailyKey.ALL_TAGS), k -> new DailyTotals())
                .add(r);
        coarse.forEach((table, rows) ->
                rows.computeIfAbsent(table.key(r, day), k -> new DailyTotals()).add(r));
        if (r.tags().isEmpty()) {
            daily.computeIfAbsent(key(r, day, ""), k -> new DailyTotals()).add(r);
        }
        for (String tag : r.tags()) {
            daily.computeIfAbsent(key(r, day, tag), k -> new DailyTotals()).add(r);
        }
        if (r.upstreamCalled()) {
            health.computeIfAbsent(healthKey(r), k -> new HealthTotals()).add(r);
        }
    }

    public Map<DailyKey, DailyTotals> daily() {
        return daily;
    }

    public Map<HealthKey, HealthTotals> health() {
        return health;
    }

    /** The rows of one coarse table ({@link CoarseTable}), {@code rollup_user_daily} and the monthly ones included. */
    public Map<CoarseTable.CoarseKey, DailyTotals> coarse(CoarseTable table) {
        return coarse.get(table);
    }

    /** The five-minute bucket a time falls in. */
    public static Instant bucketStart(Instant at) {
        return Instant.ofEpochMilli(Math.floorDiv(at.toEpochMilli(), FIVE_MINUTES_MS) * FIVE_MINUTES_MS);
    }

    private static DailyKey key(SpendLogRecord r, LocalDate day, String tag) {
        return new DailyKey(
                day,
                tag,
                text(r.keyHash()),
                text(r.userId()),
                text(r.teamId()),
                text(r.endUser()),
                text(r.requestedModel()),
                text(r.model()),
                text(r.provider()),
                tagSet(r.tags()),
                text(r.client()));
    }

    /** Tags as a sorted JSON array, e.g. {@code ["batch","prod"]}. */
    static String tagSet(List<String> tags) {
        StringBuilder json = new StringBuilder("[");
        tags.stream().sorted().forEach(t -> {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"')
                    .append(t.replace("\\", "\\\\").replace("\"", "\\\""))
                    .append('"');
        });
        return json.append(']').toString();
    }

    private static HealthKey healthKey(SpendLogRecord r) {
        return new HealthKey(bucketStart(r.startTime()), text(r.provider()), text(r.model()));
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
