package dev.tollgate.gateway.lambda;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A streamed response as API Gateway reads it: the JSON prelude before the first 8 NUL bytes, then the body's bytes. */
record StreamedResponse(JsonNode prelude, byte[] body) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static StreamedResponse of(byte[] bytes) {
        for (int i = 0; i + 8 <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + 8, new byte[8], 0, 8)) {
                try {
                    return new StreamedResponse(
                            JSON.readTree(new String(bytes, 0, i, StandardCharsets.UTF_8)),
                            Arrays.copyOfRange(bytes, i + 8, bytes.length));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return fail("no 8-NUL delimiter in " + new String(bytes, StandardCharsets.UTF_8));
    }

    int status() {
        return prelude.path("statusCode").asInt();
    }

    /** A header of the prelude by its name in any case, or "" when absent. */
    String header(String name) {
        var names = prelude.path("headers").fieldNames();
        while (names.hasNext()) {
            String each = names.next();
            if (each.equalsIgnoreCase(name)) {
                return prelude.path("headers").path(each).asText();
            }
        }
        return "";
    }

    /** True when the prelude names the header, as a single or a multi-value header. */
    boolean hasHeader(String name) {
        for (String field : new String[] {"headers", "multiValueHeaders"}) {
            var names = prelude.path(field).fieldNames();
            while (names.hasNext()) {
                if (names.next().equalsIgnoreCase(name)) {
                    return true;
                }
            }
        }
        return false;
    }

    String text() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
