package dev.tollgate.analytics.rollup;

import dev.tollgate.gateway.spendlog.SpendLogObserver;
import dev.tollgate.gateway.spendlog.SpendLogRecord;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Folds every object the shipper writes into the rollups (exactly once: {@link RollupStore#fold}). */
public final class RollupObserver implements SpendLogObserver {
    private static final Logger LOG = LoggerFactory.getLogger(RollupObserver.class);
    private final RollupStore store;

    public RollupObserver(RollupStore store) {
        this.store = store;
    }

    @Override
    public void objectWritten(String key, List<SpendLogRecord> records) {
        if (!store.fold(key, records)) {
            LOG.info("{} was folded into the rollups before; nothing changed", key);
        }
    }
}
