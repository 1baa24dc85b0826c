package dev.tollgate.gateway.providers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads Server-Sent Events: returns each event's {@code data} (multi-line data joined by newlines),
 * skips comments and other fields, and ends at {@code [DONE]} or end of input.
 */
public final class SseReader implements AutoCloseable {
    private final BufferedReader reader;
    private boolean done;

    public SseReader(InputStream in) {
        this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 16 * 1024);
    }

    /** The next event's data, or null at the end of the stream. */
    public String nextData() {
        if (done) {
            return null;
        }
        StringBuilder data = null;
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data != null) {
                        return finish(data.toString());
                    }
                    continue;
                }
                if (line.startsWith("data:")) {
                    String value = line.substring(line.length() > 5 && line.charAt(5) == ' ' ? 6 : 5);
                    if (data == null) {
                        data = new StringBuilder(value);
                    } else {
                        data.append('\n').append(value);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("upstream stream broke", e);
        }
        done = true;
        return data == null ? null : finish(data.toString());
    }

    private String finish(String data) {
        if ("[DONE]".equals(data.trim())) {
            done = true;
            return null;
        }
        return data;
    }

    @Override
    public void close() {
        done = true;
        try {
            reader.close();
        } catch (IOException ignored) {
            // closing an aborted stream may fail; the connection is gone either way
        }
    }
}
