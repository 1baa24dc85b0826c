package dev.tollgate.gateway.ratelimit;

import dev.tollgate.gateway.identity.KeyRecord;
import dev.tollgate.gateway.identity.Principal;
import dev.tollgate.gateway.identity.TeamRecord;
import dev.tollgate.gateway.identity.UserRecord;
import java.time.Instant;
import java.util.Map;

/** Identity records with only their rate limits set, for building {@link Principal}s in tests. */
final class Callers {
    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

    private Callers() {}

    static KeyRecord key(
            String alias,
            Long rpm,
            Long tpm,
            Long maxParallel,
            Map<String, Long> modelRpm,
            Map<String, Long> modelTpm) {
        return new KeyRecord(
                "hash-" + alias,
                "id-" + alias,
                alias,
                "sk-ab12",
                "u1",
                "t1",
                null,
                null,
                null,
                null,
                null,
                tpm,
                rpm,
                maxParallel,
                modelRpm,
                modelTpm,
                null,
                null,
                null,
                false,
                false,
                CREATED,
                CREATED,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    static UserRecord user(Long rpm, Long tpm, Long maxParallel) {
        return new UserRecord(
                "u1",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                tpm,
                rpm,
                maxParallel,
                null,
                false,
                null,
                CREATED,
                CREATED);
    }

    static TeamRecord team(Long rpm, Long tpm, Long maxParallel) {
        return new TeamRecord(
                "t1",
                "ml",
                null,
                null,
                null,
                null,
                null,
                null,
                tpm,
                rpm,
                maxParallel,
                null,
                false,
                false,
                CREATED,
                CREATED,
                null,
                null,
                null,
                null);
    }

    static Principal principal(KeyRecord key, UserRecord user, TeamRecord team) {
        return new Principal(key.keyHash(), key.keyAlias(), false, key, user, team);
    }
}
