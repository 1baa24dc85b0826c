package dev.tollgate.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./tollgate local [--config FILE] [--port N] [--fresh]}: starts the gateway on
 * http://localhost:4000 with its data under {@code .tollgate/}, prints how to use it, and stops cleanly on Ctrl-C.
 */
public final class LocalMain {
    private LocalMain() {}

    public static void main(String[] args) throws Exception {
        System.setProperty("logback.configurationFile", "logback-local.xml");
        int port = 4000;
        Path config = null;
        boolean fresh = false;
        Path data = Path.of(".tollgate");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--config" -> config = Path.of(value(args, ++i, "--config FILE"));
                case "--port" -> port = Integer.parseInt(value(args, ++i, "--port N"));
                case "--fresh" -> fresh = true;
                case "--data" -> data = Path.of(value(args, ++i, "--data DIR"));
                case "-h", "--help" -> {
                    System.out.println(
                            "usage: ./tollgate local [--config tollgate.yml] [--port 4000] [--data .tollgate] [--fresh]");
                    return;
                }
                default -> {
                    System.err.println("unknown option " + args[i] + " (try --help)");
                    System.exit(2);
                }
            }
        }
        if (config != null && !Files.isRegularFile(config)) {
            System.err.println("configuration file not found: " + config);
            System.exit(2);
        }
        long start = System.nanoTime();
        LocalGateway gateway = LocalGateway.start(options(port, data, fresh, config));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            System.out.println("\nStopping Tollgate…");
                            try {
                                gateway.close();
                            } catch (Exception e) {
                                System.err.println("error while stopping: " + e.getMessage());
                            }
                            stopped.countDown();
                        },
                        "tollgate-shutdown"));
        System.out.printf(
                """

                Tollgate is running (started in %.1f s)
                  Base URL:   http://localhost:%d/v1
                  Dashboard:  http://localhost:%d/ui/  (sign in with the master key)
                  Master key: %s%s
                  Models:     %s
                  Data:       %s (DynamoDB Local + S3Proxy + PostgreSQL; --fresh wipes it)

                  curl http://localhost:%d/v1/chat/completions -H "Authorization: Bearer $KEY" \\
                       -H "Content-Type: application/json" \\
                       -d '{"model":"%s","messages":[{"role":"user","content":"Hello"}]}'

                Ctrl-C stops it.
                """,
                (System.nanoTime() - start) / 1e9,
                gateway.port(),
                gateway.port(),
                gateway.masterKey(),
                gateway.masterKeyGenerated() ? "  (generated; kept in " + data.resolve("master-key") + ")" : "",
                String.join(", ", gateway.models()),
                data.toAbsolutePath(),
                gateway.port(),
                gateway.models().isEmpty()
                        ? "mock-gpt-4o-mini"
                        : gateway.models().get(0));
        stopped.await();
    }

    /** What {@code ./tollgate local} runs: storage under {@code data}, and the in-process schedules. */
    static LocalOptions options(int port, Path data, boolean fresh, Path config) {
        return new LocalOptions(port, data, fresh, config, null, null);
    }

    private static String value(String[] args, int i, String usage) {
        if (i >= args.length) {
            System.err.println("missing value: " + usage);
            System.exit(2);
        }
        return args[i];
    }
}
