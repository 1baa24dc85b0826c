package dev.tollgate.analytics.report;

import io.micronaut.core.io.Writable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * A text body written through gzip as it is produced (fastest level: an export is compressed once, on its way
 * out), for a client that accepts gzip; sent with {@code Content-Encoding: gzip}. Only a runtime that carries bytes
 * may send it (the Netty server, {@code StreamingRuntime}).
 */
record GzippedText(Writable text) implements Writable {

    @Override
    public void writeTo(OutputStream out, Charset charset) throws IOException {
        GZIPOutputStream gzip = new GZIPOutputStream(out, 64 * 1024) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        };
        Writer writer = new OutputStreamWriter(gzip, StandardCharsets.UTF_8);
        text.writeTo(writer);
        writer.flush();
        gzip.finish();
    }

    @Override
    public void writeTo(Writer out) throws IOException {
        throw new IOException("a gzip body cannot be written as text");
    }
}
