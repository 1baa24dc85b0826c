package dev.tollgate.gateway.spendlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipper tells observers (the control plane's rollups) about each stored object, and only then. */
class SpendLogObserverTest {
    private final MemorySink sink = new MemorySink();
    private final List<String> observed = new ArrayList<>();

    @Test
    void ship_observerSeesEachStoredObjectWithItsRecords() throws Exception {
        SpendLogShipper shipper = new SpendLogShipper(sink, List.of((key, records) -> {
            assertTrue(sink.objects.containsKey(key), "told after the object is stored");
            observed.add(
                    key + ":" + records.stream().map(SpendLogRecord::requestId).toList());
        }));

        shipper.handle(SpendLogShipperTest.event());

        assertEquals(sink.objects.size(), observed.size());
        assertTrue(
                observed.stream()
                        .anyMatch(o -> o.endsWith("hour=13/stream-2025-05-01T000000.000-" + SpendLogShipperTest.SEQ_B
                                + ".json.gz:[req-b]")),
                observed.toString());
    }

    @Test
    void ship_observerFails_objectsRecordsAreReportedForRetry() throws Exception {
        // GIVEN the rollup store is down
        SpendLogShipper shipper = new SpendLogShipper(sink, List.of((key, records) -> {
            throw new IllegalStateException("database unreachable");
        }));

        // WHEN a batch ships
        List<String> failures = SpendLogShipperTest.failures(shipper.handle(SpendLogShipperTest.event()));

        // THEN every good record is reported too, so Lambda retries and the rollups get the lines later
        assertTrue(failures.contains(SpendLogShipperTest.SEQ_A), failures.toString());
        assertTrue(failures.contains(SpendLogShipperTest.SEQ_B), failures.toString());
    }
}
