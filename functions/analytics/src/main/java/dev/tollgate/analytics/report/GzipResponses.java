package dev.tollgate.analytics.report;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;

/**
 * Whether a report goes out gzipped: when the client accepts gzip ({@link GzipAnswer#accepted}) and the runtime
 * carries bytes (Netty, and the Lambda streaming runtime, which writes a {@code Writable} body as bytes; not the
 * handler behind a buffered integration, {@code tollgate.streaming.buffered}, whose body is text).
 */
@Singleton
public class GzipResponses {
    private final boolean bytesPass;

    public GzipResponses(@Value("${tollgate.streaming.buffered:false}") boolean buffered) {
        this.bytesPass = !buffered;
    }

    public boolean wanted(HttpRequest<?> request) {
        return bytesPass && GzipAnswer.accepted(request.getHeaders().get(HttpHeaders.ACCEPT_ENCODING));
    }

    /** {@code response}, with {@code Content-Encoding: gzip} when its body is gzipped. */
    public static <T> MutableHttpResponse<T> encoded(MutableHttpResponse<T> response, boolean gzip) {
        return gzip ? response.header(HttpHeaders.CONTENT_ENCODING, "gzip") : response;
    }
}
