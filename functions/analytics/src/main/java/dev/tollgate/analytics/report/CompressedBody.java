package dev.tollgate.analytics.report;

import io.micronaut.core.io.Writable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A response body of {@link Deflated} pieces: as one gzip member when {@code gzip}, else inflated. */
record CompressedBody(List<Deflated> pieces, boolean gzip) implements Writable {

    @Override
    public void writeTo(OutputStream out, Charset charset) throws IOException {
        if (gzip) {
            GzipAnswer.writeGzip(pieces, out);
        } else {
            GzipAnswer.writeIdentity(pieces, out);
        }
    }

    /** Only for a runtime that writes text; the answer is UTF-8 JSON. */
    @Override
    public void writeTo(Writer out) throws IOException {
        if (gzip) {
            throw new IOException("a gzip body cannot be written as text");
        }
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        GzipAnswer.writeIdentity(pieces, text);
        out.write(text.toString(StandardCharsets.UTF_8));
    }
}
