package dev.tollgate.gateway.identity;

/**
 * A record the admin API manages and the gateway reads on the request path: a virtual key, an
 * internal user, a team, an end user ("customer") or a tag. Each is one DynamoDB item
 * (docs/architecture.md §3), stored as JSON with LiteLLM's snake_case field names.
 */
public sealed interface Identity permits KeyRecord, UserRecord, TeamRecord, EndUserRecord, TagRecord {

    /** The id inside the item's partition key: key hash, user id, team id, end-user id or tag name. */
    String id();
}
