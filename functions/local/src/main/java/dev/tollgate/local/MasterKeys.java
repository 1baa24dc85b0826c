package dev.tollgate.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/** The local master key: {@code TOLLGATE_MASTER_KEY}, else the one kept under the data directory, else a new one (kept, mode 600). */
final class MasterKeys {
    private MasterKeys() {}

    record Resolved(String key, boolean generated) {}

    static Resolved resolve(String given, Path dataDir) throws IOException {
        if (given != null && !given.isBlank()) {
            return new Resolved(given, false);
        }
        String fromEnv = System.getenv("TOLLGATE_MASTER_KEY");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new Resolved(fromEnv, false);
        }
        if (dataDir == null) {
            return new Resolved(generate(), true);
        }
        Path file = dataDir.resolve("master-key");
        if (Files.isRegularFile(file)) {
            return new Resolved(Files.readString(file).trim(), false);
        }
        String key = generate();
        Files.createDirectories(dataDir);
        Files.writeString(file, key + "\n");
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // best effort on non-POSIX file systems
        }
        return new Resolved(key, true);
    }

    static String generate() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return "sk-tollgate-master-" + HexFormat.of().formatHex(bytes);
    }
}
