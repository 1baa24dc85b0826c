package dev.tollgate.gateway.storage;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;

/**
 * Counts the gateway's DynamoDB requests by operation, and the write capacity DynamoDB reports for
 * them: how the per-call figures in docs/benchmarks.md are measured. Counting is two atomic adds. Counting
 * single-item reads and puts by item kind ({@link #itemRequests}) is for measurements only: it is off unless
 * {@code tollgate.storage.item-metrics} is set, so the proxy's own calls do not pay for it.
 */
@Singleton
public class DynamoDbRequestMetrics implements ExecutionInterceptor {
    private final boolean byItem;
    private final Map<String, AtomicLong> requests = new ConcurrentHashMap<>();
    private final DoubleAdder writeUnits = new DoubleAdder();
    private final Map<String, DoubleAdder> units = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> itemRequests = new ConcurrentHashMap<>();

    public DynamoDbRequestMetrics(@Value("${tollgate.storage.item-metrics:false}") boolean byItem) {
        this.byItem = byItem;
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        requests.computeIfAbsent(operation, k -> new AtomicLong()).incrementAndGet();
        if (byItem) {
            countItem(operation, context.request());
        }
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

    private void countItem(String operation, SdkRequest request) {
        Map<String, AttributeValue> key = request instanceof GetItemRequest get
                ? get.key()
                : request instanceof PutItemRequest put ? put.item() : null;
        AttributeValue pk = key == null ? null : key.get("pk");
        if (pk != null && pk.s() != null) {
            itemRequests
                    .computeIfAbsent(operation + " " + kind(pk.s()), k -> new AtomicLong())
                    .incrementAndGet();
        }
    }

    /** The item kind of a partition key: {@code CACHE#3f…} is {@code CACHE}. */
    private static String kind(String pk) {
        int hash = pk.indexOf('#');
        return hash < 0 ? pk : pk.substring(0, hash);
    }

    /**
     * Single-item reads and puts since the last reset, by operation and item kind ({@code "GetItem CACHE"}): what
     * one feature costs, apart from the refreshes of cached settings that any call may happen to trigger.
     */
    public Map<String, Long> itemRequests() {
        Map<String, Long> copy = new TreeMap<>();
        itemRequests.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
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
        itemRequests.clear();
        writeUnits.reset();
    }
}
