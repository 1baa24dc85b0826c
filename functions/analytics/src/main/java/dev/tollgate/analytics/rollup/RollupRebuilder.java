package dev.tollgate.analytics.rollup;

import dev.tollgate.gateway.spendlog.SpendLogBatchWriter;
import dev.tollgate.gateway.spendlog.SpendLogRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recomputes the rollups of a range of days from the spend-log objects in S3 (the source of truth):
 * for each day (budget time zone), reads every object of the UTC hours that overlap it and replaces
 * the day's rows with what those lines add up to ({@link RollupStore#replaceDay}, one transaction per
 * day). Idempotent: running it twice gives the same rows; objects it read in full are recorded as
 * folded, so the shipper's retry of one of them stays a no-op.
 */
public final class RollupRebuilder {
    private static final Logger LOG = LoggerFactory.getLogger(RollupRebuilder.class);

    private final SpendLogObjects objects;
    private final RollupStore store;
    private final ZoneId zone;
    private final Rebuilt after;

    /**
     * Told of a rebuild's days before it replaces any of them (what the stored report fragments over them are, before
     * the rebuild makes them stale and a prune may delete them); what it returns runs once every day is replaced.
     */
    public interface Rebuilt {
        /** @return the work to run after the rebuild, giving the number of report fragments it built */
        IntSupplier before(LocalDate from, LocalDate to);
    }

    public RollupRebuilder(SpendLogObjects objects, RollupStore store, ZoneId zone) {
        this(objects, store, zone, (from, to) -> () -> 0);
    }

    public RollupRebuilder(SpendLogObjects objects, RollupStore store, ZoneId zone, Rebuilt after) {
        this.objects = objects;
        this.store = store;
        this.zone = zone;
        this.after = after;
    }

    /**
     * What a rebuild did.
     *
     * @param fragmentsWarmed the report fragments of the rebuilt days built again after it (the reports clients had
     *     asked for over those days), so the next request finds them stored
     */
    public record Result(
            String from, String to, int days, int objects, long lines, BigDecimal cost, int fragmentsWarmed) {}

    public Result rebuild(LocalDate from, LocalDate to) {
        int objectCount = 0;
        long lines = 0;
        BigDecimal cost = BigDecimal.ZERO;
        int days = 0;
        IntSupplier warmUp;
        try {
            warmUp = after.before(from, to);
        } catch (RuntimeException e) { // the rebuild goes on; the reports build those days on their next request
            LOG.warn("could not plan the report fragments' warm-up of {}..{}: {}", from, to, e.toString());
            warmUp = () -> 0;
        }
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            Instant start = day.atStartOfDay(zone).toInstant();
            Instant end = day.plusDays(1).atStartOfDay(zone).toInstant();
            List<SpendLogRecord> onDay = new ArrayList<>();
            List<String> complete = new ArrayList<>();
            for (Instant hour = start.truncatedTo(ChronoUnit.HOURS);
                    hour.isBefore(end);
                    hour = hour.plus(1, ChronoUnit.HOURS)) {
                for (String key : objects.keys(SpendLogBatchWriter.partitionPrefix(hour))) {
                    List<SpendLogRecord> records = objects.read(key);
                    List<SpendLogRecord> inDay = records.stream()
                            .filter(r -> !r.startTime().isBefore(start)
                                    && r.startTime().isBefore(end))
                            .toList();
                    if (inDay.size() == records.size()) {
                        complete.add(key);
                    }
                    onDay.addAll(inDay);
                    objectCount++;
                }
            }
            int n = store.replaceDay(day, onDay, complete);
            lines += n;
            cost = cost.add(onDay.stream().map(SpendLogRecord::cost).reduce(BigDecimal.ZERO, BigDecimal::add));
            days++;
        }
        LOG.info("rebuilt the rollups of {}..{}: {} lines from {} objects", from, to, lines, objectCount);
        int warmed = 0;
        try {
            warmed = warmUp.getAsInt();
        } catch (RuntimeException e) { // the rollups stand; the reports build those days on their next request
            LOG.warn("could not warm the report fragments of {}..{}: {}", from, to, e.toString());
        }
        return new Result(from.toString(), to.toString(), days, objectCount, lines, cost, warmed);
    }
}
