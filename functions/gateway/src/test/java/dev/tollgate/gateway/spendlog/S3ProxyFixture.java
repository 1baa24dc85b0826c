package dev.tollgate.gateway.spendlog;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** S3Proxy in-process on a loopback port, in memory, with one bucket and a path-style client. */
public final class S3ProxyFixture implements AutoCloseable {
    public static final String ACCESS_KEY = "tollgatelocal";
    public static final String BUCKET = "tollgate-spend-logs";

    final S3Proxy proxy;
    public final S3Client s3;

    public S3ProxyFixture() throws Exception {
        proxy = S3Proxy.builder()
                .blobStore(new TransientNio2BlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, ACCESS_KEY)
                .build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) {
            Thread.sleep(10);
        }
        s3 = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.US_EAST_1)
                .endpointOverride(URI.create(endpoint()))
                .forcePathStyle(true)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, ACCESS_KEY)))
                .build();
        s3.createBucket(b -> b.bucket(BUCKET));
    }

    public String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    /** Every object under {@code spend-logs/}, key → its lines (gunzipped). */
    Map<String, List<String>> objects() {
        Map<String, List<String>> objects = new TreeMap<>();
        for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(SpendLogColumns.PREFIX))
                .contents()) {
            objects.put(
                    o.key(),
                    SpendLogSamples.gunzipLines(
                            s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(o.key()))
                                    .asByteArray()));
        }
        return objects;
    }

    /** Every line of every object. */
    List<String> lines() {
        return objects().values().stream().flatMap(List::stream).toList();
    }

    void clear() {
        s3.listObjectsV2Paginator(b -> b.bucket(BUCKET))
                .contents()
                .forEach(o -> s3.deleteObject(b -> b.bucket(BUCKET).key(o.key())));
    }

    @Override
    public void close() throws Exception {
        s3.close();
        proxy.stop();
    }
}
