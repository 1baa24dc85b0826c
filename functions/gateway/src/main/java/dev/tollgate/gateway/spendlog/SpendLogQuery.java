package dev.tollgate.gateway.spendlog;

import java.time.Instant;

/**
 * A search of recent spend logs: every filter optional, newest first.
 *
 * @param keyHash   the key's id ({@code token} in the admin API)
 * @param client    the normalised client tool ({@code claude-code}, {@code codex}, …)
 * @param sessionId the agent session
 * @param cursor  where the previous page stopped (opaque), or null
 * @param limit   page size, 1–1000
 */
public record SpendLogQuery(
        String keyHash,
        String userId,
        String teamId,
        String endUser,
        String model,
        String tag,
        String client,
        String sessionId,
        Instant from,
        Instant to,
        String cursor,
        int limit) {}
