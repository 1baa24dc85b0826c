package dev.tollgate.analytics.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** The real reader, noting each query, how many rows it read, and each snapshot. */
final class RecordingReader implements RollupReader {
    private final RollupReader real;
    final List<RollupQuery> queries = new ArrayList<>();
    final List<Integer> rows = new ArrayList<>();
    int snapshots;

    RecordingReader(RollupReader real) {
        this.real = real;
    }

    void reset() {
        queries.clear();
        rows.clear();
        snapshots = 0;
    }

    @Override
    public List<RollupRow> query(RollupQuery query) {
        List<RollupRow> read = real.query(query);
        queries.add(query);
        rows.add(read.size());
        return read;
    }

    @Override
    public <T> T consistently(Supplier<T> work) {
        snapshots++;
        return real.consistently(work);
    }

    @Override
    public CacheSavings cacheSavings(LocalDate from, LocalDate to) {
        return real.cacheSavings(from, to);
    }
}
