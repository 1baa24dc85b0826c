package dev.tollgate.gateway.cost;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.net.URI;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;

/** Reads a price map given as {@code s3://bucket/key} (how the CDK stack passes a newer one). */
@Singleton
public class S3PriceFiles {
    private final S3Client s3;

    /** @param s3 the gateway's S3 client when one is configured, else a default client is built on first use */
    public S3PriceFiles(@Nullable S3Client s3) {
        this.s3 = s3;
    }

    byte[] read(String s3Uri) {
        URI uri = URI.create(s3Uri);
        String key = uri.getPath().startsWith("/") ? uri.getPath().substring(1) : uri.getPath();
        S3Client client = s3 != null
                ? s3
                : S3Client.builder()
                        .httpClientBuilder(UrlConnectionHttpClient.builder())
                        .build();
        return client.getObjectAsBytes(b -> b.bucket(uri.getHost()).key(key)).asByteArray();
    }
}
