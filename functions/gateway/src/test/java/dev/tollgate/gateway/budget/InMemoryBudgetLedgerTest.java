package dev.tollgate.gateway.budget;

import dev.tollgate.gateway.testing.MutableClock;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;

/** The ledger contracts against {@link InMemoryBudgetLedger}. */
class InMemoryBudgetLedgerTest implements ReserveSettleContract, SweeperContract, WindowContract, InFlightContract {
    private final MutableClock clock = new MutableClock(WEDNESDAY);
    private InMemoryBudgetLedger store;
    private BudgetLedger ledger;

    @BeforeEach
    void freshLedger() {
        ledger = newLedger(ZoneOffset.UTC, clock);
    }

    @Override
    public BudgetLedger ledger() {
        return ledger;
    }

    @Override
    public MutableClock clock() {
        return clock;
    }

    @Override
    public BudgetLedger newLedger(ZoneId zone, Clock clock) {
        store = new InMemoryBudgetLedger(zone, clock);
        return store;
    }

    @Override
    public int openReservations() {
        return store.openReservations();
    }

    @Override
    public boolean hasLog(String requestId) {
        return store.logItem(requestId) != null;
    }
}
