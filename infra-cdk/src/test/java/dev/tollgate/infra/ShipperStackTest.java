package dev.tollgate.infra;

import static dev.tollgate.infra.Stacks.DEV;
import static dev.tollgate.infra.Stacks.SHIPPER;
import static dev.tollgate.infra.Stacks.functionId;
import static dev.tollgate.infra.Stacks.getAtt;
import static dev.tollgate.infra.Stacks.onlyLogicalId;
import static dev.tollgate.infra.Stacks.properties;
import static dev.tollgate.infra.Stacks.ref;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The stream event source of the spend-log shipper (docs/spend-logs.md, "Idempotency"). */
class ShipperStackTest {

    @Test
    void eventSource_readsTheTablesStream_intoTheShipper() {
        DEV.resourceCountIs("AWS::Lambda::EventSourceMapping", 1);
        assertEquals(
                getAtt(onlyLogicalId(DEV, "AWS::DynamoDB::Table"), "StreamArn"),
                mapping().get("EventSourceArn"));
        assertEquals(ref(functionId(DEV, SHIPPER)), mapping().get("FunctionName"));
    }

    @Test
    void eventSource_filtersToInsertsOfLogItems() throws IOException {
        Map<?, ?> criteria = (Map<?, ?>) mapping().get("FilterCriteria");
        List<?> filters = (List<?>) criteria.get("Filters");
        assertEquals(1, filters.size());
        String pattern = (String) ((Map<?, ?>) filters.get(0)).get("Pattern");
        ObjectMapper json = new ObjectMapper();
        assertEquals(
                json.readTree(
                        "{\"eventName\":[\"INSERT\"],\"dynamodb\":{\"Keys\":{\"pk\":{\"S\":[{\"prefix\":\"LOG#\"}]}}}}"),
                json.readTree(pattern));
    }

    @Test
    void eventSource_batchesUpTo1000Records_orWaits30Seconds() {
        assertEquals(1000, mapping().get("BatchSize"));
        assertEquals(30, mapping().get("MaximumBatchingWindowInSeconds"));
    }

    @Test
    void eventSource_reportsBatchItemFailures() {
        assertEquals(List.of("ReportBatchItemFailures"), mapping().get("FunctionResponseTypes"));
    }

    @Test
    void eventSource_doesNotBisect_soARetriedSegmentRewritesTheSameObjects() {
        // SpendLogShipperHandler: a bisected batch starts at another record, so its objects would
        // get other keys and its lines would be shipped twice.
        assertEquals(false, mapping().get("BisectBatchOnFunctionError"));
    }

    @Test
    void eventSource_retriesFiveTimes_startingFromTheOldestRecord() {
        assertEquals(5, mapping().get("MaximumRetryAttempts"));
        assertEquals("TRIM_HORIZON", mapping().get("StartingPosition"));
    }

    @Test
    void eventSource_sendsFailedBatchesToTheDeadLetterQueue() {
        assertEquals(
                Map.of("OnFailure", Map.of("Destination", getAtt(onlyLogicalId(DEV, "AWS::SQS::Queue"), "Arn"))),
                mapping().get("DestinationConfig"));
    }

    @Test
    void deadLetterQueue_isEncrypted_andKeepsMessages14Days() {
        DEV.hasResourceProperties(
                "AWS::SQS::Queue", Map.of("SqsManagedSseEnabled", true, "MessageRetentionPeriod", 14 * 24 * 3600));
    }

    private static Map<String, Object> mapping() {
        return properties(DEV.findResources("AWS::Lambda::EventSourceMapping")
                .values()
                .iterator()
                .next());
    }
}
