package dev.tollgate.local.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A closed-loop load: N clients, each sending its next request when the previous one answered. */
final class LoadRun {
    record Result(String name, long[] latencyMicros, double[] overheadMillis, int errors, double seconds) {
        long percentile(double p) {
            long[] sorted = latencyMicros.clone();
            Arrays.sort(sorted);
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
        }

        double overheadPercentile(double p) {
            double[] sorted = overheadMillis.clone();
            Arrays.sort(sorted);
            return sorted.length == 0
                    ? Double.NaN
                    : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
        }
    }

    private LoadRun() {}

    static Result run(String name, URI uri, Map<String, String> headers, String body, int clients, int requests)
            throws InterruptedException {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        long[] latencies = new long[requests];
        double[] overheads = new double[requests];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger overheadCount = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(clients);
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            for (int c = 0; c < clients; c++) {
                pool.execute(() -> {
                    try {
                        int i;
                        while ((i = next.getAndIncrement()) < requests) {
                            HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                                    .timeout(Duration.ofSeconds(30))
                                    .POST(HttpRequest.BodyPublishers.ofString(body));
                            headers.forEach(request::header);
                            long t0 = System.nanoTime();
                            try {
                                HttpResponse<String> response =
                                        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                                latencies[i] = (System.nanoTime() - t0) / 1_000;
                                if (response.statusCode() != 200) {
                                    errors.incrementAndGet();
                                }
                                response.headers()
                                        .firstValue("x-tollgate-overhead-ms")
                                        .ifPresent(v ->
                                                overheads[overheadCount.getAndIncrement()] = Double.parseDouble(v));
                            } catch (Exception e) {
                                latencies[i] = (System.nanoTime() - t0) / 1_000;
                                errors.incrementAndGet();
                            }
                        }
                    } finally {
                        done.countDown();
                    }
                });
            }
            done.await();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(name, latencies, Arrays.copyOf(overheads, overheadCount.get()), errors.get(), seconds);
    }
}
