package dev.tollgate.gateway.spendlog;

import dev.tollgate.gateway.errors.GatewayException;
import dev.tollgate.gateway.storage.StorageSettings;
import dev.tollgate.gateway.storage.TableDefinition;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Reads recent spend logs from DynamoDB (the items live until their TTL; older history is in S3 for
 * Athena): walks {@code gsi1}'s day partitions from the newest day of the range back, newest first,
 * filtering by key, user, team, end user, model and tag. The cursor is the day and the last key read.
 */
@Singleton
@Requires(beans = DynamoDbClient.class)
public class DynamoDbSpendLogReader {
    private static final int MAX_DAYS = 45;

    private final DynamoDbClient dynamo;
    private final String table;
    private final SpendLogJson json = new SpendLogJson();
    private final java.time.Clock clock;

    public DynamoDbSpendLogReader(DynamoDbClient dynamo, StorageSettings storage, java.time.Clock clock) {
        this.dynamo = dynamo;
        this.table = storage.getTable();
        this.clock = clock;
    }

    /** A page of records and the cursor of the next page (null at the end). */
    public record Page(List<SpendLogRecord> records, String nextCursor) {}

    public Page read(SpendLogQuery q) {
        Instant to = q.to() == null ? clock.instant() : q.to(); // the clock that stamps the lines
        Instant from = q.from() == null ? to.minus(java.time.Duration.ofDays(7)) : q.from();
        if (from.isAfter(to)) {
            throw GatewayException.invalidRequest("'start_date' is after 'end_date'", "start_date");
        }
        LocalDate first = from.atOffset(ZoneOffset.UTC).toLocalDate();
        LocalDate day = to.atOffset(ZoneOffset.UTC).toLocalDate();
        Map<String, AttributeValue> startKey = null;
        if (q.cursor() != null) {
            Cursor c = Cursor.decode(q.cursor());
            day = c.day();
            startKey = c.lastKey();
        }
        List<SpendLogRecord> records = new ArrayList<>();
        for (int days = 0; !day.isBefore(first) && days < MAX_DAYS; days++) {
            do {
                QueryResponse page = dynamo.query(request(q, day, from, to, startKey, q.limit() - records.size()));
                for (Map<String, AttributeValue> item : page.items()) {
                    records.add(json.read(item.get("record").s()));
                    if (records.size() >= q.limit()) {
                        return new Page(records, new Cursor(day, indexKey(item)).encode());
                    }
                }
                startKey =
                        page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                                ? page.lastEvaluatedKey()
                                : null;
            } while (startKey != null);
            day = day.minusDays(1);
        }
        return new Page(records, null);
    }

    private QueryRequest request(
            SpendLogQuery q, LocalDate day, Instant from, Instant to, Map<String, AttributeValue> startKey, int limit) {
        Map<String, String> names =
                new HashMap<>(Map.of("#pk", TableDefinition.GSI1_PK, "#sk", TableDefinition.GSI1_SK));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":pk", s(SpendLogIndex.PARTITION_PREFIX + day),
                ":from", s(SpendLogJson.formatTime(from)),
                ":to", s(SpendLogJson.formatTime(to) + "#~")));
        List<String> filters = new ArrayList<>();
        filter(filters, names, values, SpendLogIndex.KEY, q.keyHash());
        filter(filters, names, values, SpendLogIndex.USER, q.userId());
        filter(filters, names, values, SpendLogIndex.TEAM, q.teamId());
        filter(filters, names, values, SpendLogIndex.END_USER, q.endUser());
        filter(filters, names, values, SpendLogIndex.MODEL, q.model());
        filter(filters, names, values, SpendLogIndex.CLIENT, q.client());
        filter(filters, names, values, SpendLogIndex.SESSION, q.sessionId());
        if (q.tag() != null) {
            names.put("#tags", SpendLogIndex.TAGS);
            values.put(":tag", s("|" + q.tag() + "|"));
            filters.add("contains(#tags, :tag)");
        }
        QueryRequest.Builder b = QueryRequest.builder()
                .tableName(table)
                .indexName(TableDefinition.GSI1)
                .keyConditionExpression("#pk = :pk AND #sk BETWEEN :from AND :to")
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .scanIndexForward(false)
                .limit(filters.isEmpty() ? Math.max(1, limit) : 1000);
        if (!filters.isEmpty()) {
            b.filterExpression(String.join(" AND ", filters));
        }
        if (startKey != null) {
            b.exclusiveStartKey(startKey);
        }
        return b.build();
    }

    /** The key of an item in gsi1 (its own key plus the index key): where a page that ends on it resumes. */
    private static Map<String, AttributeValue> indexKey(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        for (String name :
                List.of(TableDefinition.PK, TableDefinition.SK, TableDefinition.GSI1_PK, TableDefinition.GSI1_SK)) {
            key.put(name, item.get(name));
        }
        return key;
    }

    private static void filter(
            List<String> filters,
            Map<String, String> names,
            Map<String, AttributeValue> values,
            String attribute,
            String value) {
        if (value != null && !value.isBlank()) {
            names.put("#" + attribute, attribute);
            values.put(":" + attribute, s(value));
            filters.add("#" + attribute + " = :" + attribute);
        }
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    /** Day + last evaluated key, as URL-safe base64 of a small text form. */
    private record Cursor(LocalDate day, Map<String, AttributeValue> lastKey) {
        String encode() {
            StringBuilder text = new StringBuilder(day.toString());
            if (lastKey != null) {
                new java.util.TreeMap<>(lastKey)
                        .forEach((k, v) ->
                                text.append('\n').append(k).append('=').append(v.s()));
            }
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String cursor) {
            try {
                String[] lines = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\n");
                Map<String, AttributeValue> key = new LinkedHashMap<>();
                for (int i = 1; i < lines.length; i++) {
                    int eq = lines[i].indexOf('=');
                    key.put(lines[i].substring(0, eq), AttributeValue.fromS(lines[i].substring(eq + 1)));
                }
                return new Cursor(LocalDate.parse(lines[0]), key.isEmpty() ? null : key);
            } catch (RuntimeException e) {
                throw GatewayException.invalidRequest("'cursor' is not a cursor this endpoint returned", "cursor");
            }
        }
    }
}
