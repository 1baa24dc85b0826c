package dev.tollgate.gateway.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.gateway.testing.CapturingInterceptor;
import dev.tollgate.gateway.testing.DynamoDbLocal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/** The store contract against DynamoDB Local, plus the item shapes and the pinned write conditions. */
class DynamoDbIdentityStoreTest extends IdentityStoreContract {
    private static final CapturingInterceptor<TransactWriteItemsRequest> CAPTURE =
            CapturingInterceptor.of(TransactWriteItemsRequest.class);
    private static final List<TransactWriteItemsRequest> SENT = CAPTURE.requests();
    private static DynamoDbClient dynamo;
    private String table;

    @BeforeAll
    static void client() {
        dynamo = DynamoDbLocal.client(CAPTURE);
    }

    @AfterAll
    static void close() {
        dynamo.close();
    }

    @Override
    IdentityStore newStore() {
        table = DynamoDbLocal.createTable(dynamo, "identity");
        CAPTURE.clear();
        return new DynamoDbIdentityStore(dynamo, table);
    }

    @Test
    void createKey_storesHashAndPrefixOnly_neverTheSecret() {
        String secret = "sk-secret-0123456789abcdefghijklmnop";
        KeyRecord key = TestRecords.key(secret, "{\"key_alias\":\"mine\",\"user_id\":\"u1\"}");

        store.apply(new Change.Create(key));

        List<Map<String, AttributeValue>> items = DynamoDbLocal.scan(dynamo, table);
        assertEquals(2, items.size(), "the key item and its alias item");
        for (Map<String, AttributeValue> item : items) {
            item.values().forEach(v -> assertFalse(String.valueOf(v).contains(secret), item.toString()));
        }
        Map<String, AttributeValue> keyItem = items.stream()
                .filter(i -> i.get("pk").s().startsWith("KEY#"))
                .findFirst()
                .orElseThrow();
        assertEquals("KEY#" + ApiKeys.sha256Hex(secret), keyItem.get("pk").s());
        assertEquals("META", keyItem.get("sk").s());
        assertEquals("KEYS", keyItem.get("gsi1pk").s());
        assertEquals(
                "2026-03-02T10:00:00.000Z#" + key.keyId(), keyItem.get("gsi1sk").s());
        assertEquals("u1", keyItem.get("user_id").s());
    }

    /** Guards against a create silently overwriting an existing key or alias (a lost key, a stolen alias). */
    @Test
    void createKey_pinsNotExistsConditionsOnKeyAndAlias() {
        store.apply(new Change.Create(TestRecords.key("sk-pin-0123456789abcdefghij", "{\"key_alias\":\"pin\"}")));

        List<TransactWriteItem> items = SENT.get(0).transactItems();
        assertEquals(2, items.size());
        assertEquals("attribute_not_exists(pk)", items.get(0).put().conditionExpression());
        assertEquals("attribute_not_exists(pk)", items.get(1).put().conditionExpression());
        assertEquals("KEYALIAS#pin", items.get(1).put().item().get("pk").s());
    }

    /** Guards against lost updates: two admins editing one record must not overwrite each other. */
    @Test
    void replace_pinsCompareAndSetOnTheStoredJson() {
        UserRecord user = TestRecords.user("cas", "{}");
        store.apply(new Change.Create(user));

        store.apply(new Change.Replace(user, TestRecords.with(user, "{\"blocked\":true}")));

        TransactWriteItem put = SENT.get(1).transactItems().get(0);
        assertEquals("#record = :expected", put.put().conditionExpression());
        assertEquals("record", put.put().expressionAttributeNames().get("#record"));
        assertEquals(
                IdentityJson.write(user),
                put.put().expressionAttributeValues().get(":expected").s());
    }

    @Test
    void regenerate_leavesPointerWithTtlUnderTheOldHash() {
        KeyRecord key = TestRecords.key("sk-ptr-old-0123456789abcdefghij", "{}");
        store.apply(new Change.Create(key));
        KeyRecord next = regenerated(key, "sk-ptr-new-0123456789abcdefghij", true);

        store.apply(new Change.Replace(key, next));

        Map<String, AttributeValue> pointer = DynamoDbLocal.scan(dynamo, table).stream()
                .filter(i -> i.get("pk").s().equals("KEY#" + key.keyHash()))
                .findFirst()
                .orElseThrow();
        assertEquals(next.keyHash(), pointer.get("replaced_by").s());
        assertFalse(pointer.containsKey("record"));
        assertFalse(pointer.containsKey("gsi1pk"), "a pointer is not listed as a key");
        assertEquals(
                next.previousKeyExpires().getEpochSecond() + 86_400,
                Long.parseLong(pointer.get("ttl").n()));
        assertTrue(store.keys(IdentityStore.KeyQuery.ALL, 1, 10).totalCount() == 1);
    }
}
