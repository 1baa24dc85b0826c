package dev.tollgate.analytics.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * A piece of an answer kept compressed: raw DEFLATE blocks (RFC 1951) ending in a sync flush and without a final
 * block, with the length and CRC-32 of the text they hold. Such pieces, written one after the other, are one valid
 * DEFLATE stream (each starts a new block and refers back only into itself), so {@link GzipAnswer} can send stored
 * pieces as one gzip member without inflating them.
 *
 * @param bytes     the compressed blocks
 * @param rawLength the length of the text they hold
 * @param crc32     the CRC-32 of that text
 */
public record Deflated(byte[] bytes, int rawLength, long crc32) {

    /** Compresses {@code raw} (fastest level: a fragment is compressed once and sent many times). */
    public static Deflated of(byte[] raw) {
        Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
        try {
            deflater.setInput(raw);
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, raw.length / 3));
            byte[] buffer = new byte[64 * 1024];
            int n;
            do { // a sync flush is complete when it leaves room in the buffer (Deflater#deflate)
                n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
                out.write(buffer, 0, n);
            } while (n == buffer.length);
            CRC32 crc = new CRC32();
            crc.update(raw);
            return new Deflated(out.toByteArray(), raw.length, crc.getValue());
        } finally {
            deflater.end();
        }
    }

    /** Writes the text these blocks hold. */
    public void inflateTo(OutputStream out) throws IOException {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(bytes);
            byte[] buffer = new byte[64 * 1024];
            int written = 0;
            while (written < rawLength) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IOException(
                            "a stored report fragment ends after " + written + " of " + rawLength + " bytes");
                }
                out.write(buffer, 0, n);
                written += n;
            }
        } catch (DataFormatException e) {
            throw new IOException("a stored report fragment is not DEFLATE data", e);
        } finally {
            inflater.end();
        }
    }
}
