package dev.tollgate.gateway.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.gateway.testing.DynamoDbLocal;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The contract on DynamoDB Local, plus the item's shape (TTL attribute, gzipped body) and the size limit. */
class DynamoDbResponseCacheTest extends ResponseCacheContract {
    private static DynamoDbClient dynamo;
    private static String table;

    @BeforeAll
    static void start() {
        dynamo = DynamoDbLocal.client();
        table = DynamoDbLocal.createTable(dynamo, "cache");
    }

    @AfterAll
    static void stop() {
        dynamo.close();
    }

    @Override
    ResponseCache cache() {
        return new DynamoDbResponseCache(dynamo, table);
    }

    @Test
    void put_writesOneItemWithTheTtlAttribute_soDynamoDbDeletesIt() {
        cache().put(new CachedAnswer("shape", "{\"a\":1}", NOW, NOW.plus(Duration.ofSeconds(600))));

        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                        .key(Map.of("pk", AttributeValue.fromS("CACHE#shape"), "sk", AttributeValue.fromS("META"))))
                .item();

        assertEquals(Long.toString(NOW.getEpochSecond() + 601), item.get("ttl").n());
        assertTrue(item.get("body").b().asByteArray().length > 0);
    }

    @Test
    void put_ofAnAnswerOverTheItemLimit_isRefused_andNothingIsStored() {
        // random text does not compress: 600 KB stays over the 350 KB a cache item may hold
        byte[] noise = new byte[600_000];
        new Random(7).nextBytes(noise);
        String body = "{\"x\":\"" + java.util.Base64.getEncoder().encodeToString(noise) + "\"}";

        assertThrows(
                DynamoDbResponseCache.AnswerTooLarge.class,
                () -> cache().put(new CachedAnswer("big", body, NOW, NOW.plusSeconds(60))));
        assertTrue(cache().get("big", NOW).isEmpty());
    }
}
