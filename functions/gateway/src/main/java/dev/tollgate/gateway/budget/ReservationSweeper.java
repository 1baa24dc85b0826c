package dev.tollgate.gateway.budget;

import jakarta.inject.Singleton;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Releases the reservations of calls that died (Lambda timeout, crash, lost connection) once they are
 * past their expiry, so nothing stays reserved for good. Run every minute: an EventBridge schedule on
 * AWS, an in-process timer locally.
 */
@Singleton
public class ReservationSweeper {
    private static final Logger LOG = LoggerFactory.getLogger(ReservationSweeper.class);
    private static final int BATCH = 500;
    private static final int MAX_BATCHES = 20;

    private final BudgetLedger ledger;
    private final Clock clock;

    public ReservationSweeper(BudgetLedger ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    /** Releases expired reservations, up to 10,000 a run; returns how many. */
    public int sweep() {
        int total = 0;
        for (int i = 0; i < MAX_BATCHES; i++) {
            int released = ledger.releaseExpired(clock.instant(), BATCH);
            total += released;
            if (released < BATCH) {
                break;
            }
        }
        if (total > 0) {
            LOG.warn("released {} reservation(s) of calls that never settled", total);
        }
        return total;
    }
}
