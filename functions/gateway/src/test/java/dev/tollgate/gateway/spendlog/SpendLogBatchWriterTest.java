package dev.tollgate.gateway.spendlog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpendLogBatchWriterTest {
    private final SpendLogBatchWriter writer = new SpendLogBatchWriter();
    private final SpendLogJson json = new SpendLogJson();

    private static List<SequencedRecord> batchAcrossMidnight() {
        return List.of(
                new SequencedRecord("100", SpendLogSamples.chat("a", Instant.parse("2025-05-31T23:59:59.999Z"))),
                new SequencedRecord("101", SpendLogSamples.chat("b", Instant.parse("2025-06-01T00:00:00.000Z"))),
                new SequencedRecord("102", SpendLogSamples.chat("c", Instant.parse("2025-05-31T23:00:00.000Z"))),
                new SequencedRecord("103", SpendLogSamples.chat("d", Instant.parse("2025-06-01T09:30:00.000Z"))));
    }

    @Test
    void write_groupsByUtcHourOfStartTime_keyedByShardAndFirstSequenceNumber() {
        List<SpendLogObject> objects = writer.write("shardId-0001", batchAcrossMidnight());

        assertEquals(
                List.of(
                        "spend-logs/dt=2025-05-31/hour=23/shardId-0001-100.json.gz",
                        "spend-logs/dt=2025-06-01/hour=00/shardId-0001-100.json.gz",
                        "spend-logs/dt=2025-06-01/hour=09/shardId-0001-100.json.gz"),
                objects.stream().map(SpendLogObject::key).toList());
        assertEquals(List.of("100", "102"), objects.get(0).sequenceNumbers());
        assertEquals(
                List.of("a", "c"),
                SpendLogSamples.gunzipLines(objects.get(0).gzipBody()).stream()
                        .map(line -> json.read(line).requestId())
                        .toList());
    }

    @Test
    void write_sameBatchTwice_givesTheSameKeysAndBytes() {
        // A retried Lambda batch must overwrite its objects, never add a second copy of its lines.
        List<SpendLogObject> first = writer.write("shardId-0001", batchAcrossMidnight());
        List<SpendLogObject> second = new SpendLogBatchWriter().write("shardId-0001", batchAcrossMidnight());

        assertEquals(first.size(), second.size());
        for (int i = 0; i < first.size(); i++) {
            assertEquals(first.get(i).key(), second.get(i).key());
            assertArrayEquals(first.get(i).gzipBody(), second.get(i).gzipBody());
        }
    }

    @Test
    void write_linesReadBackAsTheRecordsWritten() {
        List<SequencedRecord> batch = batchAcrossMidnight();

        List<SpendLogRecord> back = writer.write("s", batch).stream()
                .flatMap(o -> SpendLogSamples.gunzipLines(o.gzipBody()).stream())
                .map(json::read)
                .toList();

        assertEquals(batch.size(), back.size());
        assertEquals(
                true,
                back.containsAll(batch.stream().map(SequencedRecord::record).toList()));
    }

    @Test
    void write_emptyBatch_writesNothing() {
        assertEquals(List.of(), writer.write("s", List.of()));
    }

    @Test
    void write_shardWithUnsafeCharacters_keepsOnlySafeOnes() {
        List<SpendLogObject> objects = writer.write(
                "stream-2025-05-01T00:00:00.000",
                List.of(new SequencedRecord("7", SpendLogSamples.chat("a", SpendLogSamples.T0))));

        assertEquals(
                "spend-logs/dt=2025-05-01/hour=12/stream-2025-05-01T000000.000-7.json.gz",
                objects.get(0).key());
    }

    @Test
    void partitionPrefix_isUtcDateAndTwoDigitHour() {
        assertEquals(
                "spend-logs/dt=2025-01-02/hour=03/",
                SpendLogBatchWriter.partitionPrefix(Instant.parse("2025-01-02T03:04:05Z")));
    }
}
