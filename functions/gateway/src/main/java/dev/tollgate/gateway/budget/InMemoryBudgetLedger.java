package dev.tollgate.gateway.budget;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@link BudgetLedger} in memory, with the semantics of {@link DynamoDbBudgetLedger} (the same
 * contract tests run against both): for unit tests and the overhead benchmark. One lock; every
 * method is atomic.
 */
public final class InMemoryBudgetLedger implements BudgetLedger {
    private final ZoneId zone;
    private final Clock clock;
    private final Map<CounterKey, Counter> counters = new HashMap<>();
    private final Map<String, Reservation> reservations = new LinkedHashMap<>();
    private final Map<String, String> logs = new HashMap<>();

    public InMemoryBudgetLedger(ZoneId zone, Clock clock) {
        this.zone = Objects.requireNonNull(zone, "zone");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized ReserveResult reserve(
            String requestId, List<BudgetLimit> limits, BigDecimal amount, Instant expiresAt) {
        DynamoDbBudgetLedger.requireAmount(amount);
        Instant now = clock.instant();
        List<BoundCounter> bound = BoundCounter.bind(limits, now, zone);
        List<Shortfall> shortfalls = BoundCounter.exceedingOnTheirOwn(bound, amount, now, zone);
        if (!shortfalls.isEmpty()) {
            return new ReserveResult.Insufficient(shortfalls);
        }
        Reservation reservation = new Reservation(
                requestId,
                bound.stream().map(BoundCounter::key).toList(),
                amount,
                Instant.ofEpochSecond(LedgerItems.epochSecondsCeil(expiresAt)));
        Reservation existing = reservations.get(requestId);
        if (existing != null) {
            if (existing.amount().compareTo(amount) == 0 && existing.counters().equals(reservation.counters())) {
                return new ReserveResult.Reserved(existing);
            }
            throw new IllegalStateException("request id '" + requestId + "' already holds a reservation");
        }
        for (BoundCounter c : bound) {
            Counter counter = counters.get(c.key());
            if (c.limit().limitsRequests()
                    && counter != null
                    && counter.calls >= c.limit().maxRequests()) {
                shortfalls.add(Shortfall.requests(
                        c.limit(), counter.calls, c.limit().window().resetAt(now, zone)));
                continue;
            }
            if (c.limit().capped()
                    && counter != null
                    && counter.committed.compareTo(c.limit().limit().subtract(amount)) > 0) {
                shortfalls.add(new Shortfall(
                        c.limit(),
                        counter.committed,
                        counter.actual,
                        counter.inFlight,
                        c.limit().window().resetAt(now, zone)));
            }
        }
        if (!shortfalls.isEmpty()) {
            return new ReserveResult.Insufficient(shortfalls);
        }
        for (CounterKey k : reservation.counters()) {
            Counter c = counter(k);
            c.committed = c.committed.add(amount);
            c.inFlight++;
            c.calls++;
        }
        reservations.put(requestId, reservation);
        return new ReserveResult.Reserved(reservation);
    }

    @Override
    public synchronized void settle(Reservation reservation, Settlement settlement) {
        String id = reservation.requestId();
        boolean open = reservations.containsKey(id);
        boolean logWritten = settlement.logItemJson() != null && logs.containsKey(id);
        if (open && !logWritten) {
            BigDecimal delta = settlement.actualCost().subtract(reservation.amount());
            reservation.counters().forEach(k -> {
                apply(k, delta, settlement);
                counter(k).inFlight--;
            });
            reservations.remove(id);
            writeLog(id, settlement);
        } else if (logWritten) {
            if (open) {
                release(reservations.remove(id));
            }
        } else if (settlement.logItemJson() != null) {
            record(id, reservation.counters(), settlement);
        }
    }

    @Override
    public synchronized void charge(String requestId, List<BudgetLimit> limits, Settlement settlement) {
        record(
                requestId,
                BoundCounter.bind(limits, clock.instant(), zone).stream()
                        .map(BoundCounter::key)
                        .toList(),
                settlement);
    }

    @Override
    public synchronized int releaseExpired(Instant now, int maxItems) {
        long cutoff = now.getEpochSecond();
        List<Reservation> expired = new ArrayList<>();
        for (Reservation r : reservations.values()) {
            if (expired.size() < maxItems && r.expiresAt().getEpochSecond() <= cutoff) {
                expired.add(r);
            }
        }
        expired.forEach(r -> release(reservations.remove(r.requestId())));
        return expired.size();
    }

    @Override
    public synchronized List<CounterState> read(List<BudgetLimit> limits, Instant now) {
        List<CounterState> states = new ArrayList<>(limits.size());
        for (BudgetLimit limit : limits) {
            Counter c = counters.getOrDefault(CounterKey.of(limit, now, zone), new Counter());
            states.add(new CounterState(
                    limit, c.committed, c.actual, c.requests, limit.window().resetAt(now, zone), c.inFlight));
        }
        return states;
    }

    /** Open reservations (what DynamoDB holds as {@code RESV#} items). */
    public synchronized int openReservations() {
        return reservations.size();
    }

    /** The log line written for a request id, or null. */
    public synchronized String logItem(String requestId) {
        return logs.get(requestId);
    }

    private void record(String requestId, List<CounterKey> keys, Settlement settlement) {
        if (settlement.logItemJson() != null && logs.containsKey(requestId)) {
            return;
        }
        keys.forEach(k -> apply(k, settlement.actualCost(), settlement));
        writeLog(requestId, settlement);
    }

    private void release(Reservation r) {
        for (CounterKey k : r.counters()) {
            Counter c = counter(k);
            c.committed = c.committed.subtract(r.amount());
            c.inFlight--;
        }
    }

    private void apply(CounterKey key, BigDecimal committedDelta, Settlement s) {
        Counter c = counter(key);
        c.committed = c.committed.add(committedDelta);
        c.actual = c.actual.add(s.actualCost());
        c.requests++;
        c.promptTokens += s.promptTokens();
        c.completionTokens += s.completionTokens();
    }

    private void writeLog(String requestId, Settlement settlement) {
        if (settlement.logItemJson() != null) {
            logs.put(requestId, settlement.logItemJson());
        }
    }

    private Counter counter(CounterKey key) {
        return counters.computeIfAbsent(key, k -> new Counter());
    }

    private static final class Counter {
        BigDecimal committed = BigDecimal.ZERO;
        BigDecimal actual = BigDecimal.ZERO;
        long requests;
        long promptTokens;
        long completionTokens;
        long inFlight;
        long calls;
    }
}
