package dev.tollgate.analytics.rollup;

import dev.tollgate.gateway.spendlog.SpendLogRecord;
import java.time.LocalDate;
import java.util.List;

/**
 * The rollups of the spend logs ({@code rollup_daily}, {@code health_5min}) and the S3 objects they
 * hold.
 *
 * <p>Guarantee: {@link #fold} takes an object's lines in exactly once. The rows it adds and the
 * object's key are written in one transaction, and a key already recorded makes the call a no-op, so
 * a retried batch, a replayed stream record or a second shipper changes nothing.
 */
public interface RollupStore {

    /**
     * Adds the object's lines to the rollups unless the object was folded before.
     *
     * @return true when the lines were added, false when the key was already recorded
     */
    boolean fold(String objectKey, List<SpendLogRecord> records);

    /**
     * Replaces one day's rollups (budget time zone) with what {@code records} hold, in one transaction:
     * deletes the day's daily and health rows, adds the records that fall on that day, and records
     * {@code completeObjects} (objects whose lines all fall on that day) as folded.
     *
     * @return how many records fell on the day
     */
    int replaceDay(LocalDate day, List<SpendLogRecord> records, List<String> completeObjects);
}
