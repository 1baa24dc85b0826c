package dev.tollgate.gateway.bridge.responses;

import dev.tollgate.gateway.storage.TableDefinition;
import dev.tollgate.gateway.storage.TransientWrites;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * {@link ResponseStore} in the gateway's table: one item {@code RESP#<id>} / {@code META} with the owner,
 * the response and the conversation as JSON text, and {@code ttl} so DynamoDB forgets it. An item holds at
 * most 400 KB: a conversation larger than that is not stored (the call still answers; the docs say so).
 */
public final class DynamoDbResponseStore implements ResponseStore {
    static final String PREFIX = "RESP#";
    /** Below DynamoDB's 400 KB item limit, with room for keys and attribute names. */
    static final int MAX_CHARS = 380_000;

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public DynamoDbResponseStore(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public void put(StoredResponse r) {
        if (r.response().length() + r.conversation().length() > MAX_CHARS) {
            throw new IllegalArgumentException("response " + r.id() + " is too large to store");
        }
        try {
            dynamo.putItem(b -> b.tableName(table)
                    .item(Map.of(
                            "pk",
                            s(PREFIX + r.id()),
                            "sk",
                            s("META"),
                            "owner",
                            s(r.owner()),
                            "response",
                            s(r.response()),
                            "conversation",
                            s(r.conversation()),
                            TableDefinition.TTL,
                            AttributeValue.fromN(Long.toString(r.expiresAt().getEpochSecond())))));
        } catch (SdkException e) {
            throw TransientWrites.unavailable("response store", e);
        }
    }

    @Override
    public Optional<StoredResponse> find(String id) {
        Map<String, AttributeValue> item;
        try {
            item = dynamo.getItem(b -> b.tableName(table).key(key(id)).consistentRead(true))
                    .item();
        } catch (SdkException e) {
            throw TransientWrites.unavailable("response store", e);
        }
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        Instant expires = Instant.ofEpochSecond(
                Long.parseLong(item.get(TableDefinition.TTL).n()));
        if (!expires.isAfter(clock.instant())) {
            return Optional.empty(); // TTL deletion lags: an expired item is gone as far as clients know
        }
        return Optional.of(new StoredResponse(
                id,
                item.get("owner").s(),
                item.get("response").s(),
                item.get("conversation").s(),
                expires));
    }

    @Override
    public boolean delete(String id) {
        try {
            return !dynamo.deleteItem(b -> b.tableName(table).key(key(id)).returnValues(ReturnValue.ALL_OLD))
                    .attributes()
                    .isEmpty();
        } catch (SdkException e) {
            throw TransientWrites.unavailable("response store", e);
        }
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of("pk", s(PREFIX + id), "sk", s("META"));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
