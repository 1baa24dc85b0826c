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
 */
public record LocalOptions(int port, Path dataDir, boolean fresh, Path configFile, String configYaml, String masterKey) {

    public static LocalOptions inMemory(String configYaml, String masterKey) {
        return new LocalOptions(0, null, false, null, configYaml, masterKey);
    }
}
