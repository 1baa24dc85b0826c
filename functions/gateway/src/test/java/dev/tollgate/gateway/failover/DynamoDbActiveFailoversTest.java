package dev.tollgate.gateway.failover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.gateway.testing.CapturingInterceptor;
import dev.tollgate.gateway.testing.DynamoDbLocal;
import dev.tollgate.gateway.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/** The failover item on DynamoDB Local: written by the collector, read by the proxy at most once per refresh. */
class DynamoDbActiveFailoversTest {
    private static final CapturingInterceptor<GetItemRequest> GETS = CapturingInterceptor.of(GetItemRequest.class);
    private static DynamoDbClient dynamo;

    @BeforeAll
    static void start() {
        dynamo = DynamoDbLocal.client(GETS);
    }

    @Test
    void proxyInstance_seesTheCollectorsChange_withinTheRefresh_andReadsOncePerRefresh() {
        String table = DynamoDbLocal.createTable(dynamo, "failover");
        MutableClock clock = new MutableClock(Instant.parse("2026-11-02T10:00:00Z"));
        DynamoDbActiveFailovers collector = new DynamoDbActiveFailovers(dynamo, table, Duration.ofSeconds(5), clock);
        DynamoDbActiveFailovers proxy = new DynamoDbActiveFailovers(dynamo, table, Duration.ofSeconds(5), clock);
        assertTrue(proxy.current().isEmpty(), "no item yet: no failovers");

        ActiveFailover f =
                new ActiveFailover("r1", "gpt-4o", "claude", clock.instant().plusSeconds(600));
        collector.publish(List.of(f));
        int before = GETS.requests().size();
        assertTrue(proxy.current().isEmpty(), "cached for the refresh period");
        clock.advance(Duration.ofSeconds(5));
        assertEquals(List.of(f), proxy.current());
        for (int i = 0; i < 100; i++) {
            proxy.current();
        }
        List<GetItemRequest> gets =
                GETS.requests().subList(before, GETS.requests().size());
        assertEquals(1, gets.size(), "one GetItem per refresh period, however many calls");
        assertEquals(FailoverItems.key(), gets.get(0).key());
        assertNotEquals(Boolean.TRUE, gets.get(0).consistentRead(), "an eventually consistent read: half the price");
    }
}
