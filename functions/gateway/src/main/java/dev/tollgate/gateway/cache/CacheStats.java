package dev.tollgate.gateway.cache;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Hits, misses and stores of this instance since it started, for {@code /health} and {@code /cache/ping}. */
final class CacheStats {
    final AtomicLong hits = new AtomicLong();
    final AtomicLong misses = new AtomicLong();
    final AtomicLong stores = new AtomicLong();
    final AtomicLong tooLarge = new AtomicLong();
    final AtomicLong errors = new AtomicLong();

    Map<String, Object> view(long size) {
        long h = hits.get();
        long m = misses.get();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("entries", size < 0 ? null : size);
        view.put("hits", h);
        view.put("misses", m);
        view.put("hit_rate", h + m == 0 ? null : Math.round(1000.0 * h / (h + m)) / 1000.0);
        view.put("stored", stores.get());
        view.put("too_large", tooLarge.get());
        view.put("errors", errors.get());
        return view;
    }
}
