package dev.tollgate.analytics.rollup;

import dev.tollgate.gateway.spendlog.SpendLogRecord;
import java.util.List;

/** Reads the spend-log objects back (the source of truth a rebuild recomputes the rollups from). */
public interface SpendLogObjects {

    /** The keys of every object under {@code prefix} (e.g. {@code spend-logs/dt=2026-11-02/hour=13/}), sorted. */
    List<String> keys(String prefix);

    /** The records of one object, in line order. */
    List<SpendLogRecord> read(String key);
}
