package dev.tollgate.gateway.budget;

import dev.tollgate.gateway.testing.DynamoDbLocal;
import dev.tollgate.gateway.testing.MutableClock;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Select;

/** The ledger contracts against {@link DynamoDbBudgetLedger} on DynamoDB Local, a fresh table per test. */
class DynamoDbBudgetLedgerTest implements ReserveSettleContract, SweeperContract, WindowContract, InFlightContract {
    private static DynamoDbClient dynamo;
    private final MutableClock clock = new MutableClock(WEDNESDAY);
    private String table;
    private BudgetLedger ledger;

    @BeforeAll
    static void startDynamo() {
        dynamo = DynamoDbLocal.client();
    }

    @AfterAll
    static void closeClient() {
        dynamo.close();
    }

    @BeforeEach
    void freshLedger() {
        ledger = newLedger(ZoneOffset.UTC, clock);
    }

    @Override
    public BudgetLedger ledger() {
        return ledger;
    }

    @Override
    public MutableClock clock() {
        return clock;
    }

    @Override
    public BudgetLedger newLedger(ZoneId zone, Clock clock) {
        table = DynamoDbLocal.createTable(dynamo, "budget");
        return new DynamoDbBudgetLedger(dynamo, table, zone, clock);
    }

    @Override
    public int openReservations() {
        return dynamo.scan(s -> s.tableName(table)
                        .consistentRead(true)
                        .select(Select.COUNT)
                        .filterExpression("begins_with(pk, :resv)")
                        .expressionAttributeValues(Map.of(":resv", AttributeValue.fromS("RESV#"))))
                .count();
    }

    @Override
    public boolean hasLog(String requestId) {
        return dynamo.getItem(g -> g.tableName(table)
                        .consistentRead(true)
                        .key(Map.of(
                                "pk", AttributeValue.fromS("LOG#" + requestId), "sk", AttributeValue.fromS("META"))))
                .hasItem();
    }
}
