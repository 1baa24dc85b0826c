package dev.tollgate.gateway.spendlog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.micronaut.context.ApplicationContext;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/** The shipper Lambda handler, fed a real-shaped stream event, writing to S3Proxy. */
class SpendLogShipperHandlerTest {
    private static S3ProxyFixture s3;
    private static SpendLogShipperHandler handler;
    private final SpendLogJson json = new SpendLogJson();

    @BeforeAll
    static void start() throws Exception {
        s3 = new S3ProxyFixture();
        ApplicationContext context = ApplicationContext.builder()
                .properties(Map.of(
                        "tollgate.storage.bucket",
                        S3ProxyFixture.BUCKET,
                        "tollgate.storage.s3-endpoint",
                        s3.endpoint(),
                        "tollgate.storage.region",
                        "us-east-1"))
                .start();
        handler = new SpendLogShipperHandler(context);
    }

    @AfterAll
    static void stop() throws Exception {
        handler.close();
        s3.close();
    }

    @Test
    void handleRequest_streamEvent_writesGzipJsonLinesPerHourAndReportsOnlyTheBadRecord() throws Exception {
        s3.clear();

        StreamsEventResponse response = handler.handleRequest(SpendLogShipperTest.event(), lambdaContext());

        assertEquals(List.of(SpendLogShipperTest.SEQ_BAD), SpendLogShipperTest.failures(response));
        Map<String, List<String>> objects = s3.objects();
        String prefix = "spend-logs/dt=2025-05-01/hour=";
        String name = SpendLogShipperTest.STREAM + "-";
        assertEquals(
                List.of(
                        prefix + "12/" + name + SpendLogShipperTest.SEQ_A + ".json.gz",
                        prefix + "12/" + name + SpendLogShipperTest.SEQ_B + ".json.gz",
                        prefix + "13/" + name + SpendLogShipperTest.SEQ_B + ".json.gz"),
                List.copyOf(objects.keySet()));
        assertEquals(
                List.of("req-a"),
                requestIds(objects.get(prefix + "12/" + name + SpendLogShipperTest.SEQ_A + ".json.gz")));
        assertEquals(
                List.of("req-c"),
                requestIds(objects.get(prefix + "12/" + name + SpendLogShipperTest.SEQ_B + ".json.gz")));
        assertEquals(
                List.of("req-b"),
                requestIds(objects.get(prefix + "13/" + name + SpendLogShipperTest.SEQ_B + ".json.gz")));
    }

    @Test
    void handleRequest_sameEventTwice_leavesTheSameObjectsAndLines() throws Exception {
        s3.clear();
        handler.handleRequest(SpendLogShipperTest.event(), lambdaContext());
        Map<String, List<String>> first = s3.objects();

        handler.handleRequest(SpendLogShipperTest.event(), lambdaContext());

        assertEquals(first, s3.objects());
        assertEquals(3, s3.lines().size());
    }

    @Test
    void handleRequest_objectsAreNdjsonWithGzipEncoding() throws Exception {
        s3.clear();
        handler.handleRequest(SpendLogShipperTest.event(), lambdaContext());
        String key = s3.objects().keySet().iterator().next();

        HeadObjectResponse head =
                s3.s3.headObject(b -> b.bucket(S3ProxyFixture.BUCKET).key(key));

        assertEquals(S3SpendLogSink.CONTENT_TYPE, head.contentType());
        assertEquals("gzip", head.contentEncoding());
    }

    private List<String> requestIds(List<String> lines) {
        return lines.stream().map(l -> json.read(l).requestId()).toList();
    }

    /** A Lambda context whose methods all answer defaults; the handler reads none of it. */
    static Context lambdaContext() {
        return (Context) Proxy.newProxyInstance(
                Context.class.getClassLoader(),
                new Class<?>[] {Context.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getAwsRequestId" -> "test-request";
                    case "getFunctionName" -> "tollgate-spend-log-shipper";
                    case "getRemainingTimeInMillis", "getMemoryLimitInMB" -> 0;
                    case "hashCode" -> 0;
                    case "equals" -> proxy == args[0];
                    case "toString" -> "test context";
                    default -> null;
                });
    }
}
