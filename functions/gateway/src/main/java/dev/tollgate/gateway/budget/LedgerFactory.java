package dev.tollgate.gateway.budget;

import dev.tollgate.gateway.config.GatewayConfig;
import dev.tollgate.gateway.storage.StorageSettings;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.ZoneId;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The ledger in force: DynamoDB wherever a table is configured (AWS, {@code ./tollgate local}); the
 * in-memory ledger only where no storage exists at all (unit tests, the overhead benchmark).
 */
@Factory
public class LedgerFactory {

    @Singleton
    @Requires(missingBeans = Clock.class)
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Singleton
    @Requires(beans = DynamoDbClient.class)
    public BudgetLedger dynamoDbLedger(
            DynamoDbClient dynamo, StorageSettings storage, GatewayConfig config, Clock clock) {
        return new DynamoDbBudgetLedger(dynamo, storage.getTable(), zone(config), clock);
    }

    @Singleton
    @Requires(missingBeans = DynamoDbClient.class)
    public BudgetLedger inMemoryLedger(GatewayConfig config, Clock clock) {
        return new InMemoryBudgetLedger(zone(config), clock);
    }

    public static ZoneId zone(GatewayConfig config) {
        return ZoneId.of(config.settings().budgetsOrDefault().zone());
    }
}
