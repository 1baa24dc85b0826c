package dev.tollgate.analytics.report;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Writes {@link Deflated} pieces as one answer: either one gzip member (RFC 1952) made of the pieces' blocks as they
 * are stored, with the CRC-32s combined ({@link #combine}), or inflated, for a client that did not accept gzip.
 */
public final class GzipAnswer {
    /** ID1 ID2, CM = deflate, no flags, no modification time, XFL 0, OS unknown. */
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
    /** A final fixed-Huffman block holding only its end-of-block code. */
    private static final byte[] LAST_BLOCK = {3, 0};

    private GzipAnswer() {}

    /** True when an {@code Accept-Encoding} header accepts gzip (named, or {@code *}, with a q-value above 0). */
    public static boolean accepted(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String part : acceptEncoding.split(",")) {
            String[] codingAndParams = part.trim().split(";");
            String coding = codingAndParams[0].trim().toLowerCase(java.util.Locale.ROOT);
            if ((coding.equals("gzip") || coding.equals("x-gzip") || coding.equals("*")) && q(codingAndParams) > 0) {
                return true;
            }
        }
        return false;
    }

    private static double q(String[] codingAndParams) {
        for (int i = 1; i < codingAndParams.length; i++) {
            String p = codingAndParams[i].trim();
            if (p.startsWith("q=")) {
                try {
                    return Double.parseDouble(p.substring(2).trim());
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }

    /** The pieces, in order, as one gzip member. */
    public static void writeGzip(List<Deflated> pieces, OutputStream out) throws IOException {
        out.write(HEADER);
        long crc = 0;
        long length = 0;
        for (Deflated piece : pieces) {
            out.write(piece.bytes());
            crc = combine(crc, piece.crc32(), piece.rawLength());
            length += piece.rawLength();
        }
        out.write(LAST_BLOCK);
        writeIntLe(out, crc);
        writeIntLe(out, length); // ISIZE: the length modulo 2^32
    }

    /** The pieces, in order, inflated. */
    public static void writeIdentity(List<Deflated> pieces, OutputStream out) throws IOException {
        for (Deflated piece : pieces) {
            piece.inflateTo(out);
        }
    }

    private static void writeIntLe(OutputStream out, long value) throws IOException {
        for (int i = 0; i < 4; i++) {
            out.write((int) (value >>> (8 * i)) & 0xff);
        }
    }

    /**
     * The CRC-32 of A followed by B, from CRC(A), CRC(B) and the length of B: CRC(A) is carried through
     * {@code lengthB} zero bytes by squaring the operator that appends one zero bit (a 32×32 matrix over GF(2)),
     * then XORed with CRC(B). The method zlib's {@code crc32_combine} uses; O(log lengthB).
     */
    static long combine(long crcA, long crcB, long lengthB) {
        if (lengthB <= 0) {
            return crcA;
        }
        long[] odd = new long[32]; // the operator for one zero bit
        long[] even = new long[32];
        odd[0] = 0xEDB88320L; // the reflected CRC-32 polynomial
        long row = 1;
        for (int n = 1; n < 32; n++) {
            odd[n] = row;
            row <<= 1;
        }
        square(even, odd); // two zero bits
        square(odd, even); // four zero bits
        long[] current = odd;
        long[] next = even;
        long crc = crcA;
        long remaining = lengthB;
        do { // each squaring doubles the zeros: one byte, then 2, 4, … bytes; applied where lengthB has a 1 bit
            square(next, current);
            if ((remaining & 1) != 0) {
                crc = times(next, crc);
            }
            remaining >>>= 1;
            long[] swap = current;
            current = next;
            next = swap;
        } while (remaining != 0);
        return crc ^ crcB;
    }

    private static long times(long[] matrix, long vector) {
        long sum = 0;
        for (int i = 0; vector != 0; i++, vector >>>= 1) {
            if ((vector & 1) != 0) {
                sum ^= matrix[i];
            }
        }
        return sum;
    }

    private static void square(long[] result, long[] matrix) {
        for (int n = 0; n < 32; n++) {
            result[n] = times(matrix, matrix[n]);
        }
    }
}
