package dev.tollgate.gateway.budget;

import dev.tollgate.gateway.storage.StorageSettings;
import dev.tollgate.gateway.storage.TableDefinition;
import dev.tollgate.gateway.storage.TransientWrites;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link GlobalBudgets} as one item of the single table: {@code pk = GLOBAL}, {@code sk = BUDGET#1mo},
 * with {@code hard_limit} and {@code soft_limit} as exact decimal strings (absent = none). Read strongly
 * consistent, so the next cache refresh sees the write. SDK failures become {@link
 * dev.tollgate.gateway.errors.StoreUnavailableException}.
 */
@Singleton
@Requires(beans = DynamoDbClient.class)
public final class DynamoDbGlobalBudgets implements GlobalBudgets {
    /** The item's partition key (the control plane's jobs role may read this partition only). */
    public static final String PK = "GLOBAL";

    static final String SK = "BUDGET#1mo";

    private final DynamoDbClient dynamo;
    private final String table;

    @Inject
    public DynamoDbGlobalBudgets(DynamoDbClient dynamo, StorageSettings settings) {
        this(dynamo, settings.getTable());
    }

    public DynamoDbGlobalBudgets(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<Monthly> current() {
        Map<String, AttributeValue> item;
        try {
            item = dynamo.getItem(b -> b.tableName(table).key(key()).consistentRead(true))
                    .item();
        } catch (SdkException e) {
            throw TransientWrites.unavailable("global budget read", e);
        }
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Monthly(decimal(item.get("hard_limit")), decimal(item.get("soft_limit"))));
    }

    @Override
    public void set(Monthly budget) {
        Map<String, AttributeValue> item = new HashMap<>(key());
        if (budget.hardLimit() != null) {
            item.put("hard_limit", AttributeValue.fromS(budget.hardLimit().toPlainString()));
        }
        if (budget.softLimit() != null) {
            item.put("soft_limit", AttributeValue.fromS(budget.softLimit().toPlainString()));
        }
        try {
            dynamo.putItem(b -> b.tableName(table).item(item));
        } catch (SdkException e) {
            throw TransientWrites.unavailable("global budget write", e);
        }
    }

    @Override
    public void clear() {
        try {
            dynamo.deleteItem(b -> b.tableName(table).key(key()));
        } catch (SdkException e) {
            throw TransientWrites.unavailable("global budget delete", e);
        }
    }

    private static Map<String, AttributeValue> key() {
        return Map.of(TableDefinition.PK, AttributeValue.fromS(PK), TableDefinition.SK, AttributeValue.fromS(SK));
    }

    private static BigDecimal decimal(AttributeValue v) {
        return v == null || v.s() == null ? null : new BigDecimal(v.s());
    }
}
