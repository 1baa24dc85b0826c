package dev.tollgate.gateway.spendlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.gateway.testing.DynamoDbLocal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** The local runtime's shipper: DynamoDB Local's stream, polled, shipped to S3Proxy. */
class StreamPollerTest {
    private static DynamoDbClient dynamo;
    private static DynamoDbStreamsClient streams;
    private static S3ProxyFixture s3;
    private final SpendLogJson json = new SpendLogJson();
    private String table;
    private String streamArn;

    @BeforeAll
    static void start() throws Exception {
        dynamo = DynamoDbLocal.client();
        streams = DynamoDbLocal.streamsClient();
        s3 = new S3ProxyFixture();
    }

    @AfterAll
    static void stop() throws Exception {
        streams.close();
        dynamo.close();
        s3.close();
    }

    @BeforeEach
    void freshTableAndBucket() {
        s3.clear();
        table = "spendlog-" + UUID.randomUUID();
        streamArn = dynamo.createTable(b -> b.tableName(table)
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(
                                AttributeDefinition.builder()
                                        .attributeName("pk")
                                        .attributeType(ScalarAttributeType.S)
                                        .build(),
                                AttributeDefinition.builder()
                                        .attributeName("sk")
                                        .attributeType(ScalarAttributeType.S)
                                        .build())
                        .keySchema(
                                KeySchemaElement.builder()
                                        .attributeName("pk")
                                        .keyType(KeyType.HASH)
                                        .build(),
                                KeySchemaElement.builder()
                                        .attributeName("sk")
                                        .keyType(KeyType.RANGE)
                                        .build())
                        .streamSpecification(StreamSpecification.builder()
                                .streamEnabled(true)
                                .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)
                                .build()))
                .tableDescription()
                .latestStreamArn();
    }

    @Test
    void pollOnce_shipsLogItemsFromTheStartOfTheStream_andSkipsOtherItems() {
        putLog("req-1", "2025-05-01T10:15:00Z");
        putLog("req-2", "2025-05-01T11:15:00Z");
        dynamo.putItem(b -> b.tableName(table)
                .item(Map.of(
                        "pk", s("SPEND#team#t-1"), "sk", s("1d#2025-05-01"), "actual", AttributeValue.fromN("0.5"))));

        int lines = poller(null).pollOnce();

        assertEquals(2, lines);
        assertEquals(List.of("req-1", "req-2"), requestIds());
        assertTrue(
                s3.objects().keySet().stream()
                        .allMatch(k -> k.matches(
                                "spend-logs/dt=2025-05-01/hour=1[01]/shardId-[A-Za-z0-9_.-]+-[0-9]+\\.json\\.gz")),
                s3.objects().keySet()::toString);
    }

    @Test
    void pollOnce_again_shipsOnlyWhatIsNew() {
        StreamPoller poller = poller(null);
        putLog("req-1", "2025-05-01T10:15:00Z");
        poller.pollOnce();
        putLog("req-2", "2025-05-01T10:16:00Z");

        assertEquals(1, poller.pollOnce());
        assertEquals(0, poller.pollOnce());
        assertEquals(List.of("req-1", "req-2"), requestIds());
        assertEquals(2, s3.objects().size());
    }

    @Test
    void newPoller_withTheCheckpointFile_resumesAfterTheLastShippedRecord(@TempDir Path dir) {
        Path checkpoints = dir.resolve("stream-checkpoints.properties");
        putLog("req-1", "2025-05-01T10:15:00Z");
        poller(checkpoints).pollOnce();
        putLog("req-2", "2025-05-01T10:16:00Z");

        int lines = poller(checkpoints).pollOnce();

        assertEquals(1, lines);
        assertEquals(List.of("req-1", "req-2"), requestIds());
    }

    @Test
    void pollOnce_badRecord_isSkippedAndTheOthersShip() {
        putLog("req-1", "2025-05-01T10:15:00Z");
        dynamo.putItem(
                b -> b.tableName(table).item(Map.of("pk", s("LOG#req-bad"), "sk", s("META"), "record", s("{oops"))));
        putLog("req-3", "2025-05-01T10:17:00Z");
        StreamPoller poller = poller(null);

        assertEquals(2, poller.pollOnce());
        assertEquals(0, poller.pollOnce());
        assertEquals(List.of("req-1", "req-3"), requestIds());
    }

    @Test
    void pollOnce_afterAFailedWrite_rereadsTheSegmentAndOverwritesItsObjects() {
        MemorySink sink = new MemorySink();
        sink.refuse = key -> key.contains("hour=11");
        StreamPoller poller = new StreamPoller(streams, streamArn, new SpendLogShipper(sink), null);
        putLog("req-1", "2025-05-01T10:15:00Z");
        putLog("req-2", "2025-05-01T11:15:00Z");

        assertEquals(1, poller.pollOnce());
        sink.refuse = key -> false;
        assertEquals(2, poller.pollOnce());

        assertEquals(2, sink.objects.size());
        assertEquals(
                List.of("req-1", "req-2"),
                sink.lines().stream().map(l -> json.read(l).requestId()).toList());
    }

    @Test
    void start_pollsOnItsOwnUntilStopped() throws Exception {
        try (StreamPoller poller = poller(null)) {
            poller.start(Duration.ofMillis(50));
            putLog("req-1", "2025-05-01T10:15:00Z");
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (s3.lines().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            poller.stop();
        }
        assertEquals(List.of("req-1"), requestIds());
    }

    private StreamPoller poller(Path checkpoints) {
        return new StreamPoller(
                streams, streamArn, new SpendLogShipper(new S3SpendLogSink(s3.s3, S3ProxyFixture.BUCKET)), checkpoints);
    }

    private void putLog(String requestId, String start) {
        String line = json.write(SpendLogSamples.chat(requestId, Instant.parse(start)));
        dynamo.putItem(b -> b.tableName(table)
                .item(Map.of(
                        "pk",
                        s("LOG#" + requestId),
                        "sk",
                        s("META"),
                        "record",
                        s(line),
                        "ttl",
                        AttributeValue.fromN("1748736000"))));
    }

    private List<String> requestIds() {
        return s3.lines().stream().map(l -> json.read(l).requestId()).sorted().toList();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
