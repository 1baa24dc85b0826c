package dev.tollgate.analytics.rollup;

import dev.tollgate.gateway.spendlog.SpendLogJson;
import dev.tollgate.gateway.spendlog.SpendLogRecord;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/** {@link SpendLogObjects} in the spend-log bucket: gzip JSON lines as the shipper writes them. */
public final class S3SpendLogObjects implements SpendLogObjects {
    private final S3Client s3;
    private final String bucket;
    private final SpendLogJson json = new SpendLogJson();

    public S3SpendLogObjects(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public List<String> keys(String prefix) {
        return s3
                .listObjectsV2Paginator(ListObjectsV2Request.builder()
                        .bucket(bucket)
                        .prefix(prefix)
                        .build())
                .contents()
                .stream()
                .map(S3Object::key)
                .sorted()
                .toList();
    }

    @Override
    public List<SpendLogRecord> read(String key) {
        byte[] body = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
        List<SpendLogRecord> records = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(new GZIPInputStream(new ByteArrayInputStream(body)), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isBlank()) {
                    records.add(json.read(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + key, e);
        }
        return records;
    }
}
