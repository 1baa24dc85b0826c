package dev.tollgate.gateway.storage;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;

/** Checks that the spend-log bucket exists and answers. */
@Singleton
@Requires(beans = S3Client.class)
public class S3Probe implements StorageProbe {
    private final S3Client s3;
    private final String bucket;

    public S3Probe(S3Client s3, StorageSettings settings) {
        this.s3 = s3;
        this.bucket = settings.getBucket();
    }

    @Override
    public String name() {
        return "s3";
    }

    @Override
    public String check() {
        try {
            s3.headBucket(HeadBucketRequest.builder().bucket(bucket).build());
            return "ok";
        } catch (RuntimeException e) {
            return "unreachable: " + e.getClass().getSimpleName();
        }
    }
}
