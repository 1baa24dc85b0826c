package dev.tollgate.gateway.identity;

import static dev.tollgate.gateway.identity.IdentityItems.s;

import dev.tollgate.gateway.identity.IdentityWrites.Write;
import dev.tollgate.gateway.storage.StorageSettings;
import dev.tollgate.gateway.storage.TableDefinition;
import dev.tollgate.gateway.storage.TransientWrites;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * {@link IdentityStore} on the single DynamoDB table: one item per record ({@link IdentityItems}),
 * strongly consistent reads, and every batch one conditional {@code TransactWriteItems}
 * ({@link IdentityWrites}). Lists go through {@code gsi1}.
 */
@Singleton
@Requires(beans = DynamoDbClient.class)
public final class DynamoDbIdentityStore implements IdentityStore {
    private static final int MAX_ATTEMPTS = 5;

    private final DynamoDbClient dynamo;
    private final String table;

    @Inject
    public DynamoDbIdentityStore(DynamoDbClient dynamo, StorageSettings settings) {
        this(dynamo, settings.getTable());
    }

    public DynamoDbIdentityStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<KeyRecord> key(String keyHash) {
        Map<String, AttributeValue> item = get(IdentityItems.key(KeyRecord.class, keyHash));
        if (item == null) {
            return Optional.empty();
        }
        if (item.containsKey(IdentityItems.RECORD)) {
            return Optional.of(IdentityJson.read(item.get(IdentityItems.RECORD).s(), KeyRecord.class));
        }
        AttributeValue replacedBy = item.get(IdentityItems.REPLACED_BY);
        return Optional.ofNullable(replacedBy == null ? null : get(IdentityItems.key(KeyRecord.class, replacedBy.s())))
                .filter(next -> next.containsKey(IdentityItems.RECORD))
                .map(next -> IdentityJson.read(next.get(IdentityItems.RECORD).s(), KeyRecord.class))
                .filter(next -> keyHash.equals(next.previousKeyHash()));
    }

    @Override
    public Optional<KeyRecord> keyByAlias(String alias) {
        Map<String, AttributeValue> item = get(IdentityItems.aliasKey(alias));
        return item == null
                ? Optional.empty()
                : key(item.get(IdentityItems.KEY_HASH).s()).filter(k -> alias.equals(k.keyAlias()));
    }

    /**
     * Reads the whole {@code KEYS} partition of {@code gsi1} (newest first) to count the matches and
     * cut the page: page numbers need the count, and admin lists are rare and small.
     */
    @Override
    public KeyPage keys(KeyQuery query, int page, int size) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":p", s(IdentityItems.KEYS_PARTITION)));
        List<String> filters = new ArrayList<>();
        if (query.userId() != null) {
            filters.add("#u = :u");
            names.put("#u", "user_id");
            values.put(":u", s(query.userId()));
        }
        if (query.teamId() != null) {
            filters.add("#t = :t");
            names.put("#t", "team_id");
            values.put(":t", s(query.teamId()));
        }
        QueryRequest.Builder request = QueryRequest.builder()
                .tableName(table)
                .indexName(TableDefinition.GSI1)
                .keyConditionExpression("gsi1pk = :p")
                .expressionAttributeValues(values)
                .scanIndexForward(false);
        if (!filters.isEmpty()) {
            request.filterExpression(String.join(" AND ", filters)).expressionAttributeNames(names);
        }
        int from = Math.max(0, (page - 1) * size);
        int seen = 0;
        List<KeyRecord> keys = new ArrayList<>();
        for (Map<String, AttributeValue> item : query(request)) {
            if (seen >= from && keys.size() < size) {
                keys.add(IdentityJson.read(item.get(IdentityItems.RECORD).s(), KeyRecord.class));
            }
            seen++;
        }
        return new KeyPage(keys, seen);
    }

    @Override
    public Optional<UserRecord> user(String userId) {
        return record(UserRecord.class, userId);
    }

    @Override
    public Optional<TeamRecord> team(String teamId) {
        return record(TeamRecord.class, teamId);
    }

    @Override
    public Optional<EndUserRecord> endUser(String endUserId) {
        return record(EndUserRecord.class, endUserId);
    }

    @Override
    public Optional<TagRecord> tag(String name) {
        return record(TagRecord.class, name);
    }

    @Override
    public List<TagRecord> tags() {
        return partition(IdentityItems.TAGS_PARTITION, TagRecord.class);
    }

    /**
     * One Query on the {@code TEAMS} partition of {@code gsi1} (sorted by id), never a table scan: 1 MB a
     * round trip, about 2,000 teams of a typical size.
     */
    @Override
    public List<TeamRecord> teams() {
        return partition(IdentityItems.TEAMS_PARTITION, TeamRecord.class);
    }

    /** As {@link #teams()}, on the {@code USERS} partition. */
    @Override
    public List<UserRecord> users() {
        return partition(IdentityItems.USERS_PARTITION, UserRecord.class);
    }

    private <T extends Identity> List<T> partition(String partition, Class<T> type) {
        QueryRequest.Builder request = QueryRequest.builder()
                .tableName(table)
                .indexName(TableDefinition.GSI1)
                .keyConditionExpression("gsi1pk = :p")
                .expressionAttributeValues(Map.of(":p", s(partition)));
        return query(request).stream()
                .map(item -> IdentityJson.read(item.get(IdentityItems.RECORD).s(), type))
                .toList();
    }

    @Override
    public void apply(List<Change> changes) {
        if (changes.isEmpty()) {
            return;
        }
        List<Write> writes = IdentityWrites.of(table, changes);
        for (int attempt = 1; ; attempt++) {
            try {
                dynamo.transactWriteItems(
                        b -> b.transactItems(writes.stream().map(Write::item).toList()));
                return;
            } catch (TransactionCanceledException e) {
                List<CancellationReason> reasons = e.cancellationReasons();
                for (int i = 0; i < reasons.size() && i < writes.size(); i++) {
                    if ("ConditionalCheckFailed".equals(reasons.get(i).code())) {
                        throw new IdentityConflictException(
                                writes.get(i).change(), writes.get(i).reason());
                    }
                }
                // Cancelled only because another transaction held an item: nothing was written, try again.
                if (attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
                pause(attempt);
            }
        }
    }

    private <T extends Identity> Optional<T> record(Class<T> type, String id) {
        Map<String, AttributeValue> item = get(IdentityItems.key(type, id));
        return item == null
                ? Optional.empty()
                : Optional.of(IdentityJson.read(item.get(IdentityItems.RECORD).s(), type));
    }

    private Map<String, AttributeValue> get(Map<String, AttributeValue> key) {
        Map<String, AttributeValue> item;
        try {
            item = dynamo.getItem(b -> b.tableName(table).key(key).consistentRead(true))
                    .item();
        } catch (SdkException e) {
            throw TransientWrites.unavailable("identity read", e);
        }
        return item == null || item.isEmpty() ? null : item;
    }

    private List<Map<String, AttributeValue>> query(QueryRequest.Builder request) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse response;
            try {
                response = dynamo.query(request.exclusiveStartKey(start).build());
            } catch (SdkException e) {
                throw TransientWrites.unavailable("identity list", e);
            }
            items.addAll(response.items());
            start = response.hasLastEvaluatedKey()
                            && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey()
                    : null;
        } while (start != null);
        return items;
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(5L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying an identity write", e);
        }
    }
}
