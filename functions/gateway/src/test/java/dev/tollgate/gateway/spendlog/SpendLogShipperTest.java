package dev.tollgate.gateway.spendlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The shipper with an in-memory sink, fed the DynamoDB stream event Lambda delivers. */
class SpendLogShipperTest {
    static final String SEQ_A = "4421584500000000017450439100";
    static final String SEQ_BAD = "4421584700000000017450439300";
    static final String SEQ_B = "4421584800000000017450439400";
    static final String STREAM = "stream-2025-05-01T000000.000";

    private final MemorySink sink = new MemorySink();
    private final SpendLogShipper shipper = new SpendLogShipper(sink);
    private final SpendLogJson json = new SpendLogJson();

    static DynamodbEvent event() throws Exception {
        try (InputStream in =
                SpendLogShipperTest.class.getResourceAsStream("/events/dynamodb-stream-spend-logs.json")) {
            return LambdaEventSerializers.serializerFor(DynamodbEvent.class, SpendLogShipperTest.class.getClassLoader())
                    .fromJson(in);
        }
    }

    static List<String> failures(StreamsEventResponse response) {
        return response.getBatchItemFailures().stream()
                .map(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .toList();
    }

    @Test
    void handle_badRecord_isTheOnlyBatchItemFailureAndTheGoodOnesShip() throws Exception {
        StreamsEventResponse response = shipper.handle(event());

        assertEquals(List.of(SEQ_BAD), failures(response));
        assertEquals(
                Set.of(
                        "spend-logs/dt=2025-05-01/hour=12/" + STREAM + "-" + SEQ_A + ".json.gz",
                        "spend-logs/dt=2025-05-01/hour=12/" + STREAM + "-" + SEQ_B + ".json.gz",
                        "spend-logs/dt=2025-05-01/hour=13/" + STREAM + "-" + SEQ_B + ".json.gz"),
                sink.objects.keySet());
        assertEquals(
                List.of("req-a", "req-c", "req-b"),
                sink.lines().stream().map(l -> json.read(l).requestId()).toList());
    }

    @Test
    void handle_lambdaRetryFromTheBadRecord_overwritesTheSameObjectsWithoutDuplicates() throws Exception {
        // GIVEN the first delivery shipped and reported the bad record
        DynamodbEvent event = event();
        shipper.handle(event);
        Map<String, byte[]> afterFirst = Map.copyOf(sink.objects);
        // WHEN Lambda redelivers from the lowest failure, as it does with ReportBatchItemFailures
        DynamodbEvent retry = new DynamodbEvent();
        retry.setRecords(
                new ArrayList<>(event.getRecords().subList(2, event.getRecords().size())));
        StreamsEventResponse response = shipper.handle(retry);

        // THEN the segment after the bad record is re-formed from the same first record: same keys, same bytes
        assertEquals(List.of(SEQ_BAD), failures(response));
        assertEquals(afterFirst.keySet(), sink.objects.keySet());
        afterFirst.forEach((key, body) -> assertTrue(java.util.Arrays.equals(body, sink.objects.get(key)), key));
        assertEquals(3, sink.lines().size());
    }

    @Test
    void handle_skipsRemovesAndItemsThatAreNotLogs() throws Exception {
        shipper.handle(event());

        assertTrue(sink.lines().stream().noneMatch(l -> l.contains("req-expired")));
        assertEquals(3, sink.lines().size());
    }

    @Test
    void ship_objectWriteFails_reportsTheSegmentStartAndTheObjectsRecords_andARetryRewritesTheSameKeys() {
        List<StreamItem> items = List.of(
                item("1", "a", "2025-05-01T10:00:00Z"),
                item("2", "b", "2025-05-01T11:00:00Z"),
                item("3", "c", "2025-05-01T10:30:00Z"));
        sink.refuse = key -> key.contains("hour=11");

        ShipResult first = shipper.ship(items);

        assertEquals(List.of("1", "2"), first.failedSequenceNumbers());
        assertEquals(2, first.linesWritten());
        // Lambda resumes at sequence 1, the lowest failure: the same segment, the same keys.
        sink.refuse = key -> false;
        ShipResult retry = shipper.ship(items);
        assertTrue(retry.complete());
        assertEquals(2, sink.objects.size());
        assertEquals(3, sink.lines().size());
    }

    @Test
    void ship_itemWithoutRecordAttribute_isABadRecord() {
        ShipResult result =
                shipper.ship(List.of(new StreamItem("s", "9", null), item("10", "a", "2025-05-01T10:00:00Z")));

        assertEquals(List.of("9"), result.badRecords());
        assertEquals(1, result.linesWritten());
        assertEquals(Set.of("spend-logs/dt=2025-05-01/hour=10/s-10.json.gz"), sink.objects.keySet());
    }

    @Test
    void ship_itemsOfTwoShards_areKeyedPerShard() {
        ShipResult result = shipper.ship(List.of(
                item("1", "a", "2025-05-01T10:00:00Z"),
                new StreamItem(
                        "other",
                        "5",
                        json.write(SpendLogSamples.chat("b", java.time.Instant.parse("2025-05-01T10:00:00Z"))))));

        assertEquals(2, result.objectsWritten());
        assertEquals(
                Set.of(
                        "spend-logs/dt=2025-05-01/hour=10/s-1.json.gz",
                        "spend-logs/dt=2025-05-01/hour=10/other-5.json.gz"),
                sink.objects.keySet());
    }

    private StreamItem item(String seq, String requestId, String start) {
        return new StreamItem("s", seq, json.write(SpendLogSamples.chat(requestId, java.time.Instant.parse(start))));
    }
}
