package dev.tollgate.local;

import dev.tollgate.gateway.config.GatewayConfig;
import dev.tollgate.gateway.proxy.Settlements;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The whole gateway on one machine: DynamoDB Local, S3Proxy and PostgreSQL in-process, and the same Micronaut
 * controllers as on Lambda, served by Netty. Used by {@code ./tollgate local} and by the end-to-end tests.
 */
public final class LocalGateway implements AutoCloseable {
    private final LocalDynamoDb dynamo;
    private final LocalS3 s3;
    private final LocalPostgres postgres;
    private final ApplicationContext context;
    private final EmbeddedServer server;
    private final MasterKeys.Resolved masterKey;
    private final LocalJobs jobs;

    private LocalGateway(
            LocalDynamoDb dynamo,
            LocalS3 s3,
            LocalPostgres postgres,
            ApplicationContext context,
            EmbeddedServer server,
            MasterKeys.Resolved masterKey,
            LocalJobs jobs) {
        this.dynamo = dynamo;
        this.s3 = s3;
        this.postgres = postgres;
        this.context = context;
        this.server = server;
        this.masterKey = masterKey;
        this.jobs = jobs;
    }

    public static LocalGateway start(LocalOptions options) throws Exception {
        return start(options, null, Map.of());
    }

    /**
     * Tests: the gateway with {@code clock} as every component's clock (null: the system's) and extra
     * configuration {@code overrides} applied last.
     */
    public static LocalGateway start(LocalOptions options, java.time.Clock clock, Map<String, Object> overrides)
            throws Exception {
        Path data = options.dataDir();
        if (data != null && options.fresh()) {
            wipe(data);
        }
        MasterKeys.Resolved key = MasterKeys.resolve(options.masterKey(), data);
        LocalDynamoDb dynamo = null;
        LocalS3 s3 = null;
        LocalPostgres postgres = null;
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.port", options.port());
        properties.put("micronaut.server.host", "127.0.0.1");
        properties.put("tollgate.master-key", key.key());
        if (options.configYaml() != null) {
            properties.put("tollgate.config-yaml", options.configYaml());
        } else if (options.configFile() != null) {
            properties.put("tollgate.config-file", options.configFile().toString());
        }
        if (options.storage()) {
            dynamo = LocalDynamoDb.start(data == null ? null : Files.createDirectories(data.resolve("dynamodb")));
            s3 = LocalS3.start(data == null ? null : data.resolve("s3"));
            properties.put("tollgate.storage.table", LocalResources.TABLE);
            properties.put("tollgate.storage.bucket", LocalResources.BUCKET);
            properties.put("tollgate.storage.region", "us-east-1");
            properties.put("tollgate.storage.dynamodb-endpoint", dynamo.endpoint());
            properties.put("tollgate.storage.s3-endpoint", s3.endpoint());
            postgres = LocalPostgres.start(data == null ? null : data.resolve("postgres"));
            properties.putAll(postgres.datasourceProperties());
            properties.putAll(scheduleProperties(options));
        }
        properties.putAll(overrides);
        ApplicationContext context;
        try {
            context = ApplicationContext.builder()
                    .singletons(clock == null ? new Object[0] : new Object[] {clock})
                    .properties(properties)
                    .deduceEnvironment(false)
                    .environments("local")
                    .start();
        } catch (RuntimeException e) {
            closeAll(postgres, s3, dynamo);
            throw e;
        }
        try {
            LocalJobs jobs = null;
            if (options.storage()) {
                LocalResources.ensureTable(context.getBean(DynamoDbClient.class));
                LocalResources.ensureBucket(context.getBean(S3Client.class));
                jobs = new LocalJobs(
                        context,
                        LocalResources.streams(dynamo.endpoint()),
                        LocalResources.TABLE,
                        data == null ? null : data.resolve("stream-checkpoints.json"),
                        options.schedules());
            }
            context.getBean(dev.tollgate.gateway.cost.PriceBook.class);
            EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
            return new LocalGateway(dynamo, s3, postgres, context, server, key, jobs);
        } catch (RuntimeException e) {
            context.close();
            closeAll(postgres, s3, dynamo);
            throw e;
        }
    }

    /**
     * The properties that run in-process what EventBridge schedules on AWS, when {@code options} ask for them (and
     * have storage): the SLA collector every five minutes, the forecasts daily at 00:30, the month close daily at
     * 01:00 and the stored report fragments' retention daily at 01:15. These crons run on the JVM's wall clock and
     * time zone, never on a test's clock.
     */
    static Map<String, Object> scheduleProperties(LocalOptions options) {
        if (!options.storage() || !options.schedules()) {
            return Map.of();
        }
        return Map.of(
                "tollgate.sla.collector.in-process", true,
                "tollgate.forecast.in-process", true,
                "tollgate.month-close.in-process", true,
                "tollgate.reports.retention.in-process", true);
    }

    public int port() {
        return server.getPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port() + "/v1";
    }

    public String masterKey() {
        return masterKey.key();
    }

    public boolean masterKeyGenerated() {
        return masterKey.generated();
    }

    public List<String> models() {
        return context.getBean(GatewayConfig.class).modelNames();
    }

    public ApplicationContext context() {
        return context;
    }

    /**
     * Waits (at most 30 s, a deadline for a machine far busier than usual) until every call answered so far has
     * settled: calls settle just after their response (docs/decisions.md), so their spend-log lines and counters may
     * land a few milliseconds after the client has its answer.
     *
     * @return whether every settlement had run
     */
    public boolean awaitSettled() {
        try {
            return context.getBean(Settlements.class).awaitSettled(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Ships the spend-log lines of the calls answered so far (once they have settled) to S3 now; returns how many. */
    public int shipSpendLogs() {
        awaitSettled();
        return jobs == null ? 0 : jobs.shipNow();
    }

    @Override
    public void close() throws Exception {
        try {
            server.stop();
            if (jobs != null) {
                jobs.close();
            }
            context.close();
        } finally {
            closeAll(postgres, s3, dynamo);
        }
    }

    private static void closeAll(AutoCloseable... resources) throws Exception {
        Exception first = null;
        for (AutoCloseable r : resources) {
            try {
                if (r != null) {
                    r.close();
                }
            } catch (Exception e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private static void wipe(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
