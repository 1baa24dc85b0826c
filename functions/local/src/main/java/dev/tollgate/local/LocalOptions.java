package dev.tollgate.local;

import java.nio.file.Path;

/**
 * How to start the local gateway.
 *
 * @param port       HTTP port of the gateway (0 = any free port)
 * @param dataDir    where DynamoDB Local and S3Proxy keep their data, and the master key; null = in memory (tests)
 * @param fresh      wipe {@code dataDir} first
 * @param configFile {@code tollgate.yml} to use; null = {@code ./tollgate.yml} if present, else the mock models
 * @param configYaml inline configuration (tests); wins over {@code configFile}
 * @param masterKey  the master key; null = {@code TOLLGATE_MASTER_KEY}, else the one kept in {@code dataDir}, else a new one
 * @param storage    false runs with no storage at all: the in-memory ledger, master key only, no spend
 *                   logs (the overhead benchmark measures the gateway's own code this way)
 * @param schedules  run in-process what EventBridge schedules on AWS (the reservation sweeper, the SLA collector,
 *                   the forecasts, the month close, the report fragments' retention; with storage only). They run on the JVM's wall clock,
 *                   not on a test's clock: {@code ./tollgate local} runs them, {@link #inMemory} (tests) does not,
 *                   so that no job runs in the middle of a test unless the test asks with {@link #withSchedules()}
 */
public record LocalOptions(
        int port,
        Path dataDir,
        boolean fresh,
        Path configFile,
        String configYaml,
        String masterKey,
        boolean storage,
        boolean schedules) {

    /** {@code ./tollgate local}: with storage and the in-process schedules. */
    public LocalOptions(int port, Path dataDir, boolean fresh, Path configFile, String configYaml, String masterKey) {
        this(port, dataDir, fresh, configFile, configYaml, masterKey, true, true);
    }

    /** Tests: storage in memory, and no in-process schedules (see {@link #withSchedules()}). */
    public static LocalOptions inMemory(String configYaml, String masterKey) {
        return new LocalOptions(0, null, false, null, configYaml, masterKey, true, false);
    }

    /** No DynamoDB Local, no S3Proxy: the in-memory ledger (benchmarks of the gateway's own overhead). */
    public static LocalOptions withoutStorage(String configYaml, String masterKey) {
        return new LocalOptions(0, null, false, null, configYaml, masterKey, false, false);
    }

    /** These options, with the in-process schedules on (they need storage). */
    public LocalOptions withSchedules() {
        return new LocalOptions(port, dataDir, fresh, configFile, configYaml, masterKey, storage, true);
    }
}
