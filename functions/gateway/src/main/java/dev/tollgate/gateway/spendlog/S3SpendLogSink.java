package dev.tollgate.gateway.spendlog;

import java.util.Objects;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/** Puts spend-log objects into an S3 bucket (or S3Proxy locally), as gzip-encoded JSON lines. */
public final class S3SpendLogSink implements SpendLogSink {

    /** The content type of JSON lines. */
    public static final String CONTENT_TYPE = "application/x-ndjson";

    private final S3Client s3;
    private final String bucket;

    /** Writes into {@code bucket} with {@code s3}. */
    public S3SpendLogSink(S3Client s3, String bucket) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
    }

    @Override
    public void write(String key, byte[] gzipBody) {
        s3.putObject(
                PutObjectRequest.builder()
                        .bucket(bucket)
                        .key(key)
                        .contentType(CONTENT_TYPE)
                        .contentEncoding("gzip")
                        .build(),
                RequestBody.fromBytes(gzipBody));
    }
}
