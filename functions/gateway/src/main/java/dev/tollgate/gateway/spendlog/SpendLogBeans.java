package dev.tollgate.gateway.spendlog;

import dev.tollgate.gateway.storage.StorageSettings;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;

/** The shipper and its S3 sink, wherever a spend-log bucket is configured ({@code tollgate.storage.bucket}). */
@Factory
public class SpendLogBeans {

    /** The S3 sink for the configured bucket. */
    @Singleton
    @Requires(beans = S3Client.class)
    @Requires(property = "tollgate.storage.bucket")
    public SpendLogSink spendLogSink(S3Client s3, StorageSettings settings) {
        return new S3SpendLogSink(s3, settings.getBucket());
    }

    /** The shipper writing into the configured sink, telling every {@link SpendLogObserver} bean (none in this module). */
    @Singleton
    @Requires(beans = SpendLogSink.class)
    public SpendLogShipper spendLogShipper(SpendLogSink sink, List<SpendLogObserver> observers) {
        return new SpendLogShipper(sink, observers);
    }
}
