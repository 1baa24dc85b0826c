package dev.tollgate.athena;

import dev.tollgate.gateway.spendlog.SpendLogRecord;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** The Java side of the expectations: partitions, filters and sums over the in-memory records. */
final class Calls {
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("uuuu-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HOUR =
            DateTimeFormatter.ofPattern("HH").withZone(ZoneOffset.UTC);

    private Calls() {}

    static String dt(SpendLogRecord r) {
        return DAY.format(r.startTime());
    }

    static String hour(SpendLogRecord r) {
        return HOUR.format(r.startTime());
    }

    /** Calls whose dt partition is within [from, to]. */
    static List<SpendLogRecord> between(Collection<SpendLogRecord> records, String from, String to) {
        return records.stream()
                .filter(r -> dt(r).compareTo(from) >= 0 && dt(r).compareTo(to) <= 0)
                .toList();
    }

    /** Groups by {@code key} (nulls become {@code none}), keys sorted. */
    static Map<String, List<SpendLogRecord>> groupBy(
            Collection<SpendLogRecord> records, Function<SpendLogRecord, String> key, String none) {
        Map<String, List<SpendLogRecord>> groups = new TreeMap<>();
        for (SpendLogRecord r : records) {
            String k = key.apply(r);
            groups.computeIfAbsent(k == null ? none : k, x -> new ArrayList<>()).add(r);
        }
        return groups;
    }

    static long count(Collection<SpendLogRecord> rs, java.util.function.Predicate<SpendLogRecord> p) {
        return rs.stream().filter(p).count();
    }

    static long sum(Collection<SpendLogRecord> rs, java.util.function.ToLongFunction<SpendLogRecord> f) {
        return rs.stream().mapToLong(f).sum();
    }

    static BigDecimal money(Collection<SpendLogRecord> rs, Function<SpendLogRecord, BigDecimal> f) {
        return rs.stream().map(f).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    static BigDecimal spend(Collection<SpendLogRecord> rs) {
        return money(rs, SpendLogRecord::cost);
    }

    /** Rows ordered by a money column descending, then by the key column ascending (the queries' order). */
    static List<List<Object>> bySpendThenKey(List<List<Object>> rows, int moneyColumn, int keyColumn) {
        List<List<Object>> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.<List<Object>, BigDecimal>comparing(r -> (BigDecimal) r.get(moneyColumn))
                .reversed()
                .thenComparing(r -> (String) r.get(keyColumn)));
        return sorted;
    }

    /** {@code round(x, 6)} as Trino does it (half away from zero). */
    static double round6(double x) {
        return new BigDecimal(Double.toString(x))
                .setScale(6, java.math.RoundingMode.HALF_UP)
                .doubleValue();
    }
}
