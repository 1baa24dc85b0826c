package dev.tollgate.local;

import dev.tollgate.gateway.budget.ReservationSweeper;
import dev.tollgate.gateway.spendlog.SpendLogShipper;
import dev.tollgate.gateway.spendlog.StreamPoller;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * What EventBridge and the DynamoDB stream trigger on AWS, run in-process: the reservation sweeper
 * (every 30 s) and the spend-log shipper, polling DynamoDB Local's stream into S3Proxy (every second).
 * The same classes as the Lambda handlers use.
 */
final class LocalJobs implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalJobs.class);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tollgate-local-jobs");
        t.setDaemon(true);
        return t;
    });
    private final StreamPoller poller;

    /**
     * @param sweep run the reservation sweeper every 30 s (EventBridge's schedule on AWS): with the other schedules,
     *     on for {@code ./tollgate local} and off for tests, whose DynamoDB request counts a sweep would join
     */
    LocalJobs(
            ApplicationContext context, DynamoDbStreamsClient streams, String table, Path checkpoints, boolean sweep) {
        ReservationSweeper sweeper = context.getBean(ReservationSweeper.class);
        String streamArn = context.getBean(DynamoDbClient.class)
                .describeTable(b -> b.tableName(table))
                .table()
                .latestStreamArn();
        this.poller = new StreamPoller(streams, streamArn, context.getBean(SpendLogShipper.class), checkpoints);
        if (sweep) {
            timer.scheduleWithFixedDelay(() -> run("sweeper", sweeper::sweep), 30, 30, TimeUnit.SECONDS);
        }
        poller.start(Duration.ofSeconds(1));
    }

    /** Ships what the stream holds now (tests call this instead of waiting for the timer). */
    int shipNow() {
        return poller.pollOnce();
    }

    private static void run(String name, Runnable job) {
        try {
            job.run();
        } catch (RuntimeException e) {
            LOG.warn("local {} run failed: {}", name, e.toString());
        }
    }

    @Override
    public void close() {
        poller.close();
        timer.shutdownNow();
    }
}
