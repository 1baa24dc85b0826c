package dev.tollgate.local.bench;

import dev.tollgate.gateway.testing.FakeUpstream;
import dev.tollgate.local.LocalGateway;
import dev.tollgate.local.LocalOptions;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Gateway overhead: the same closed-loop load sent straight to a loopback upstream, through Tollgate's
 * local runtime, and through Portkey's open-source gateway; overhead = latency through a gateway minus
 * latency straight to the upstream. Tollgate also reports its own overhead per call
 * ({@code x-tollgate-overhead-ms}: time in the gateway, upstream excluded). Command and results:
 * docs/benchmarks.md. Usage: {@code OverheadBenchmark [clients] [requests] [--dynamodb-local]}.
 */
public final class OverheadBenchmark {
    private static final String BODY =
            "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"system\",\"content\":\"You are terse.\"},"
                    + "{\"role\":\"user\",\"content\":\"Summarise the benefits of exact budgets in one sentence.\"}],\"max_tokens\":64}";

    private OverheadBenchmark() {}

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        Path portkey = Path.of("bench/node_modules/@portkey-ai/gateway/build/start-server.js");
        boolean withDynamoDbLocal = args.length > 2 && args[2].equals("--dynamodb-local");
        String master = "sk-bench-master";
        try (FakeUpstream upstream = new FakeUpstream()) {
            String config = """
                    models:
                      - name: gpt-4o-mini
                        api_base: %s
                        api_key: sk-upstream
                    """.formatted(upstream.baseUrl());
            List<LoadRun.Result> results = new ArrayList<>();
            URI direct = URI.create(upstream.baseUrl() + "/chat/completions");
            Map<String, String> json =
                    Map.of("content-type", "application/json", "authorization", "Bearer sk-upstream");
            warm("direct", direct, json, clients, requests);
            results.add(LoadRun.run("direct to upstream", direct, json, BODY, clients, requests));
            try (LocalGateway tollgate = LocalGateway.start(LocalOptions.withoutStorage(config, master))) {
                URI uri = URI.create(tollgate.baseUrl() + "/chat/completions");
                Map<String, String> headers =
                        Map.of("content-type", "application/json", "authorization", "Bearer " + master);
                warm("tollgate", uri, headers, clients, requests);
                results.add(LoadRun.run("Tollgate, in-memory ledger", uri, headers, BODY, clients, requests));
            }
            if (withDynamoDbLocal) {
                try (LocalGateway tollgate = LocalGateway.start(LocalOptions.inMemory(config, master))) {
                    URI uri = URI.create(tollgate.baseUrl() + "/chat/completions");
                    Map<String, String> headers =
                            Map.of("content-type", "application/json", "authorization", "Bearer " + master);
                    warm("tollgate-dynamodb", uri, headers, clients, requests / 4);
                    results.add(LoadRun.run(
                            "Tollgate, DynamoDB Local + spend logs", uri, headers, BODY, clients, requests / 4));
                }
            }
            if (Files.exists(portkey)) {
                results.add(runPortkey(portkey, upstream, clients, requests));
            } else {
                System.out.println("Portkey not installed at " + portkey + " (cd bench && npm ci): skipped");
            }
            print(results, clients, requests);
        }
    }

    private static LoadRun.Result runPortkey(Path script, FakeUpstream upstream, int clients, int requests)
            throws Exception {
        int port = 8787;
        Process node = new ProcessBuilder("node", script.toString(), "--port=" + port, "--headless")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            waitForPort(port);
            URI uri = URI.create("http://127.0.0.1:" + port + "/v1/chat/completions");
            Map<String, String> headers = Map.of(
                    "content-type",
                    "application/json",
                    "authorization",
                    "Bearer sk-upstream",
                    "x-portkey-provider",
                    "openai",
                    "x-portkey-custom-host",
                    upstream.baseUrl());
            warm("portkey", uri, headers, clients, requests);
            return LoadRun.run("Portkey gateway 1.15.2 (node)", uri, headers, BODY, clients, requests);
        } finally {
            node.destroy();
            node.waitFor();
        }
    }

    private static void warm(String name, URI uri, Map<String, String> headers, int clients, int requests)
            throws InterruptedException {
        LoadRun.Result warm = LoadRun.run(name, uri, headers, BODY, clients, Math.max(2_000, requests / 4));
        if (warm.errors() > 0) {
            throw new IllegalStateException(name + ": " + warm.errors() + " errors while warming up");
        }
    }

    private static void waitForPort(int port) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("peer gateway did not start on port " + port);
    }

    private static void print(List<LoadRun.Result> results, int clients, int requests) {
        LoadRun.Result base = results.get(0);
        System.out.printf(
                Locale.ROOT, "%n%d clients, %d requests each run, non-streamed chat completion%n%n", clients, requests);
        System.out.println(
                "| target | req/s | p50 latency | p99 latency | p50 overhead vs direct | p99 overhead vs direct | errors |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (LoadRun.Result r : results) {
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %.0f | %.2f ms | %.2f ms | %s | %s | %d |%n",
                    r.name(),
                    r.latencyMicros().length / r.seconds(),
                    r.percentile(50) / 1000.0,
                    r.percentile(99) / 1000.0,
                    r == base
                            ? "–"
                            : String.format(Locale.ROOT, "%.2f ms", (r.percentile(50) - base.percentile(50)) / 1000.0),
                    r == base
                            ? "–"
                            : String.format(Locale.ROOT, "%.2f ms", (r.percentile(99) - base.percentile(99)) / 1000.0),
                    r.errors());
        }
        for (LoadRun.Result r : results) {
            if (r.overheadMillis().length > 0) {
                System.out.printf(
                        Locale.ROOT,
                        "%n%s, its own x-tollgate-overhead-ms over %d calls: p50 %.3f ms, p99 %.3f ms%n",
                        r.name(),
                        r.overheadMillis().length,
                        r.overheadPercentile(50),
                        r.overheadPercentile(99));
            }
        }
    }
}
