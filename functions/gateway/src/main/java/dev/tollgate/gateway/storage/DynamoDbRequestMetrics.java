package dev.tollgate.gateway.storage;

import jakarta.inject.Singleton;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;

/**
 * Counts the gateway's DynamoDB requests by operation, and the write capacity DynamoDB reports for
 * them: how the per-call figures in docs/benchmarks.md are measured. Counting is two atomic adds.
 */
@Singleton
public class DynamoDbRequestMetrics implements ExecutionInterceptor {
    private final Map<String, AtomicLong> requests = new ConcurrentHashMap<>();
    private final DoubleAdder writeUnits = new DoubleAdder();
    private final Map<String, DoubleAdder> units = new ConcurrentHashMap<>();

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        requests.computeIfAbsent(operation, k -> new AtomicLong()).incrementAndGet();
        SdkResponse response = context.response();
        ConsumedCapacity single = response instanceof GetItemResponse get
                ? get.consumedCapacity()
                : response instanceof PutItemResponse put ? put.consumedCapacity() : null;
        if (single != null && single.capacityUnits() != null) {
            units.computeIfAbsent(operation, k -> new DoubleAdder()).add(single.capacityUnits());
        }
        if (response instanceof TransactWriteItemsResponse tx && tx.hasConsumedCapacity()) {
            for (ConsumedCapacity c : tx.consumedCapacity()) {
                if (c.capacityUnits() != null) {
                    writeUnits.add(c.capacityUnits());
                }
            }
        }
    }

    /**
     * A request DynamoDB refused (a cancelled transaction, a failed condition, throttling) was still
     * made and billed: count it too, so a reservation that waits shows what its retries cost.
     */
    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        requests.computeIfAbsent(operation, k -> new AtomicLong()).incrementAndGet();
    }

    /** Requests by operation since the last reset. */
    public Map<String, Long> requests() {
        Map<String, Long> copy = new TreeMap<>();
        requests.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    /** Capacity units reported on transactional writes since the last reset. */
    public double transactionWriteUnits() {
        return writeUnits.sum();
    }

    /** Capacity units reported by single-item reads and puts that asked for them (the response cache), by operation. */
    public Map<String, Double> itemUnits() {
        Map<String, Double> copy = new TreeMap<>();
        units.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }

    public void reset() {
        units.clear();
        requests.clear();
        writeUnits.reset();
    }
}
