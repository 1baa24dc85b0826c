package dev.tollgate.gateway.cache;

import dev.tollgate.gateway.storage.TableDefinition;
import dev.tollgate.gateway.storage.TransientWrites;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * {@link ResponseCache} in the gateway's table: one item {@code CACHE#<key>} / {@code META} holding the answer
 * gzipped ({@code body}, binary), {@code stored_at}, {@code expires_at} and {@code ttl} so DynamoDB deletes it.
 * A hit is one eventually consistent {@code GetItem} (0.5 read units for an item up to 4 KB); a store is one
 * {@code PutItem}. An answer whose gzipped body exceeds {@link #MAX_BYTES} (DynamoDB items hold 400 KB) is
 * not stored: {@link #put} throws {@link AnswerTooLarge} and the call is simply not cached (docs/caching.md).
 */
public final class DynamoDbResponseCache implements ResponseCache {
    static final String PREFIX = "CACHE#";
    /** Below DynamoDB's 400 KB item limit, with room for the key and attribute names. */
    static final int MAX_BYTES = 350_000;

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbResponseCache(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** The answer does not fit one item. */
    public static final class AnswerTooLarge extends IllegalArgumentException {
        AnswerTooLarge(int bytes) {
            super("cached answer of " + bytes + " gzipped bytes exceeds " + MAX_BYTES);
        }
    }

    @Override
    public Optional<CachedAnswer> get(String key, Instant now) {
        GetItemResponse response;
        try {
            response = dynamo.getItem(
                    b -> b.tableName(table).key(key(key)).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        } catch (SdkException e) {
            throw TransientWrites.unavailable("response cache", e);
        }
        if (!response.hasItem() || response.item().isEmpty()) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = response.item();
        CachedAnswer answer = new CachedAnswer(
                key,
                gunzip(item.get("body").b().asByteArray()),
                Instant.ofEpochMilli(Long.parseLong(item.get("stored_at").n())),
                Instant.ofEpochMilli(Long.parseLong(item.get("expires_at").n())));
        return answer.expiredAt(now) ? Optional.empty() : Optional.of(answer);
    }

    @Override
    public void put(CachedAnswer answer) {
        byte[] body = gzip(answer.body());
        if (body.length > MAX_BYTES) {
            throw new AnswerTooLarge(body.length);
        }
        try {
            dynamo.putItem(b -> b.tableName(table)
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                    .item(Map.of(
                            "pk",
                            s(PREFIX + answer.key()),
                            "sk",
                            s("META"),
                            "body",
                            AttributeValue.fromB(SdkBytes.fromByteArray(body)),
                            "stored_at",
                            n(answer.storedAt().toEpochMilli()),
                            "expires_at",
                            n(answer.expiresAt().toEpochMilli()),
                            TableDefinition.TTL,
                            n(answer.expiresAt().getEpochSecond() + 1))));
        } catch (SdkException e) {
            throw TransientWrites.unavailable("response cache", e);
        }
    }

    /**
     * One {@code DeleteItem} per key: {@code /cache/delete} names a handful of keys, and the proxy function's role
     * already holds {@code DeleteItem} on the table (a batch write would be one more permission for no gain).
     */
    @Override
    public int delete(Collection<String> keys) {
        try {
            for (String key : keys) {
                dynamo.deleteItem(b -> b.tableName(table).key(key(key)));
            }
        } catch (SdkException e) {
            throw TransientWrites.unavailable("response cache", e);
        }
        return keys.size();
    }

    @Override
    public long size() {
        return -1;
    }

    private static Map<String, AttributeValue> key(String key) {
        return Map.of("pk", s(PREFIX + key), "sk", s("META"));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    static byte[] gzip(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String gunzip(byte[] bytes) {
        try (GZIPInputStream zip = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
            return new String(zip.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
