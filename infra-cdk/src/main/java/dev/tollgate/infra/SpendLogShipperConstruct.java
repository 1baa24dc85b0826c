package dev.tollgate.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.lambda.FilterCriteria;
import software.amazon.awscdk.services.lambda.FilterRule;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.StartingPosition;
import software.amazon.awscdk.services.lambda.eventsources.DynamoEventSource;
import software.amazon.awscdk.services.lambda.eventsources.DynamoEventSourceProps;
import software.amazon.awscdk.services.lambda.eventsources.SqsDlq;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * The spend-log pipeline's moving part (docs/spend-logs.md): the table's stream, filtered to new
 * {@code LOG#} items, feeds the shipper, which writes gzip JSON lines under {@code spend-logs/}.
 * Batches that still fail after the retries are described in an encrypted dead-letter queue.
 */
final class SpendLogShipperConstruct extends Construct {

    static final String HANDLER = "dev.tollgate.gateway.spendlog.SpendLogShipperHandler::handleRequest";
    static final int BATCH_SIZE = 1000;
    static final int MAX_BATCHING_WINDOW_SECONDS = 30;
    static final int RETRY_ATTEMPTS = 5;

    private final GatewayFunction shipper;
    private final Queue deadLetterQueue;

    SpendLogShipperConstruct(
            final Construct scope, final String id, final TollgateStackProps props, final StorageConstruct storage) {
        super(scope, id);
        this.shipper = new GatewayFunction(
                this,
                new GatewayFunction.Spec(
                        "Function",
                        "Tollgate spend-log shipper: DynamoDB stream to S3",
                        HANDLER,
                        512,
                        Duration.seconds(60),
                        false,
                        Map.of(
                                "TOLLGATE_STORAGE_BUCKET",
                                storage.spendLogBucket().getBucketName())),
                props);
        // Writes only: no read, no list, no delete, and only under spend-logs/.
        shipper.allow(
                List.of("s3:PutObject"),
                List.of(storage.spendLogBucket().arnForObjects(StorageConstruct.SPEND_LOG_PREFIX + "/*")));
        this.deadLetterQueue = Queue.Builder.create(this, "DeadLetterQueue")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(Duration.days(14))
                .removalPolicy(props.isProd() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
                .build();
        shipper.function()
                .addEventSource(new DynamoEventSource(
                        storage.table(),
                        DynamoEventSourceProps.builder()
                                // Nothing written before the mapping exists is skipped (the stream keeps 24 hours).
                                .startingPosition(StartingPosition.TRIM_HORIZON)
                                // Up to 1000 lines per batch, waiting up to 30 s to fill it: fewer, larger objects.
                                .batchSize(BATCH_SIZE)
                                .maxBatchingWindow(Duration.seconds(MAX_BATCHING_WINDOW_SECONDS))
                                // The shipper reports the records to retry from; with bisection a retried batch would
                                // start at another record and write its lines under other keys (duplicates in Athena).
                                .bisectBatchOnError(false)
                                .reportBatchItemFailures(true)
                                .retryAttempts(RETRY_ATTEMPTS)
                                .onFailure(new SqsDlq(deadLetterQueue))
                                .filters(List.of(FilterCriteria.filter(logItemInserts())))
                                .build()));
    }

    /** {@code {"eventName":["INSERT"],"dynamodb":{"Keys":{"pk":{"S":[{"prefix":"LOG#"}]}}}}}. */
    static Map<String, Object> logItemInserts() {
        Map<String, Object> pattern = new LinkedHashMap<>();
        pattern.put("eventName", FilterRule.isEqual("INSERT"));
        pattern.put("dynamodb", Map.of("Keys", Map.of("pk", Map.of("S", FilterRule.beginsWith("LOG#")))));
        return pattern;
    }

    Function function() {
        return shipper.function();
    }

    Queue deadLetterQueue() {
        return deadLetterQueue;
    }
}
