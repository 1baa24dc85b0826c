package dev.tollgate.gateway.identity;

/**
 * Who is calling. The master key is an administrator; virtual keys (budgets issue) carry their owner.
 *
 * @param keyHash SHA-256 of the presented key, hex; never the key itself
 * @param alias   a human name for the key (never secret)
 * @param admin   whether the key may use the admin API
 */
public record Principal(String keyHash, String alias, boolean admin) {
}
