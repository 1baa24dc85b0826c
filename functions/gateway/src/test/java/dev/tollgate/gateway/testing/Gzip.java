package dev.tollgate.gateway.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;

/** What a client reads from a gzipped body: the JDK's reader, which also checks the CRC-32 and the length. */
public final class Gzip {
    private Gzip() {}

    public static byte[] inflate(byte[] gzip) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
