package dev.tollgate.gateway.spendlog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/** Objects in memory, like a bucket; can be told to refuse some keys. */
final class MemorySink implements SpendLogSink {
    final Map<String, byte[]> objects = new TreeMap<>();
    final List<String> writes = new ArrayList<>();
    Predicate<String> refuse = key -> false;

    @Override
    public synchronized void write(String key, byte[] gzipBody) {
        writes.add(key);
        if (refuse.test(key)) {
            throw new IllegalStateException("refused " + key);
        }
        objects.put(key, gzipBody.clone());
    }

    /** Every line stored, object by object in key order. */
    synchronized List<String> lines() {
        return objects.values().stream()
                .flatMap(b -> SpendLogSamples.gunzipLines(b).stream())
                .toList();
    }
}
