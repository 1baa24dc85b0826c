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
 * @param storage    false runs with no storage at all: the in-memory budget ledger, master key only, no spend
 *                   logs (the overhead benchmark measures the gateway's own code this way)
 */
public record LocalOptions(
        int port, Path dataDir, boolean fresh, Path configFile, String configYaml, String masterKey, boolean storage) {

    public LocalOptions(int port, Path dataDir, boolean fresh, Path configFile, String configYaml, String masterKey) {
        this(port, dataDir, fresh, configFile, configYaml, masterKey, true);
    }

    public static LocalOptions inMemory(String configYaml, String masterKey) {
        return new LocalOptions(0, null, false, null, configYaml, masterKey, true);
    }

    /** No DynamoDB Local, no S3Proxy: the in-memory ledger (benchmarks of the gateway's own overhead). */
    public static LocalOptions withoutStorage(String configYaml, String masterKey) {
        return new LocalOptions(0, null, false, null, configYaml, masterKey, false);
    }
}
