package dev.tollgate.gateway.lambda;

import dev.tollgate.gateway.http.AdminOnly;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.io.Writable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Routes that answer {@link Writable} bodies, as the report exports and the stored team report do, for the streaming
 * runtime's tests; only in a context that sets {@code tollgate.test.writable-bodies}.
 */
@AdminOnly
@Controller("/test/writable")
@Requires(property = "tollgate.test.writable-bodies", value = "true")
public class WritableBodiesController {
    static final String CSV_UTF8 = "text/csv; charset=utf-8";

    /** {@code size} pseudo-random bytes (invalid UTF-8 among them) under a text content type. */
    @Get("/bytes")
    public HttpResponse<Writable> bytes(@QueryValue int size) {
        return HttpResponse.<Writable>ok(new Bytes(randomBytes(size))).contentType(MediaType.of(CSV_UTF8));
    }

    /** {@link #json()} gzipped, with {@code Content-Encoding: gzip}, as the stored team report is sent. */
    @Get("/gzip")
    public HttpResponse<Writable> gzip() {
        return HttpResponse.<Writable>ok(new Bytes(gzipped()))
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.CONTENT_ENCODING, "gzip");
    }

    /** Writes a first part of a CSV, then fails. */
    @Get("/failing")
    public HttpResponse<Writable> failing() {
        Writable writable = out -> {
            out.write("day,team,spend\n2026-10-05,ml,0.25\n");
            out.flush();
            throw new IOException("the database went away mid-export");
        };
        return HttpResponse.ok(writable).contentType(MediaType.of(CSV_UTF8));
    }

    /** A body that is bytes, written 8 KB at a time; as text it refuses, as the stored gzip body does. */
    private record Bytes(byte[] bytes) implements Writable {
        @Override
        public void writeTo(OutputStream out, Charset charset) throws IOException {
            for (int i = 0; i < bytes.length; i += 8192) {
                out.write(bytes, i, Math.min(8192, bytes.length - i));
            }
        }

        @Override
        public void writeTo(Writer out) throws IOException {
            throw new IOException("bytes, not text");
        }
    }

    static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    /** A JSON array in the team report's spirit: 20,000 entries. */
    static String json() {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < 20_000; i++) {
            json.append(i == 0 ? "" : ",")
                    .append("{\"team_name\":\"team-")
                    .append(i % 37)
                    .append("\",\"api_key\":\"key-")
                    .append(i)
                    .append("\",\"spend\":")
                    .append(i * 0.001)
                    .append('}');
        }
        return json.append(']').toString();
    }

    static byte[] gzipped() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(json().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
