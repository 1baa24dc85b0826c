package dev.tollgate.analytics.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.gateway.testing.Gzip;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** Pieces compressed once and sent as one gzip member: the bytes a client inflates are the pieces' text, in order. */
class GzipAnswerTest {

    @Test
    void combine_equalsTheCrcOfTheConcatenation_forRandomSplits() {
        Random random = new Random(20261205);
        for (int i = 0; i < 200; i++) {
            byte[] a = randomText(random, random.nextInt(3) == 0 ? 0 : random.nextInt(5000));
            byte[] b = randomText(random, random.nextInt(3) == 0 ? 0 : random.nextInt(70_000));
            assertEquals(crc(concat(List.of(a, b))), GzipAnswer.combine(crc(a), crc(b), b.length), "case " + i);
        }
    }

    @Test
    void writeGzip_ofStoredPieces_inflatesToTheirTextInOrder_withAValidTrailer() throws IOException {
        // GIVEN pieces compressed separately, some empty, one larger than the deflater's 64 KB buffer
        Random random = new Random(7);
        List<byte[]> texts = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            texts.add(randomText(random, i % 7 == 0 ? 0 : random.nextInt(i == 12 ? 400_000 : 3000)));
        }
        List<Deflated> pieces = texts.stream().map(Deflated::of).toList();

        // WHEN they are written as one member
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        GzipAnswer.writeGzip(pieces, gz);

        // THEN the JDK's reader (which checks the CRC-32 and the length) gives their concatenation, and nothing after
        byte[] inflated = Gzip.inflate(gz.toByteArray());
        assertArrayEquals(concat(texts), inflated);
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        GzipAnswer.writeIdentity(pieces, plain);
        assertArrayEquals(concat(texts), plain.toByteArray());
    }

    @Test
    void writeGzip_ofNoPieces_isAValidEmptyMember() throws IOException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        GzipAnswer.writeGzip(List.of(), gz);
        assertEquals(0, Gzip.inflate(gz.toByteArray()).length);
    }

    @Test
    void writeIdentity_ofAPieceCutShort_failsInsteadOfSendingLessText() {
        Deflated whole = Deflated.of(randomText(new Random(1), 10_000));
        byte[] cut = java.util.Arrays.copyOf(whole.bytes(), whole.bytes().length / 2);
        Deflated broken = new Deflated(cut, whole.rawLength(), whole.crc32());
        org.junit.jupiter.api.Assertions.assertThrows(
                IOException.class, () -> GzipAnswer.writeIdentity(List.of(broken), new ByteArrayOutputStream()));
    }

    @Test
    void accepted_readsTheCodingsAndTheirQValues() {
        assertTrue(GzipAnswer.accepted("gzip, deflate"));
        assertTrue(GzipAnswer.accepted("br;q=1.0, GZIP;q=0.5"));
        assertTrue(GzipAnswer.accepted("*"));
        assertFalse(GzipAnswer.accepted(null));
        assertFalse(GzipAnswer.accepted("identity"));
        assertFalse(GzipAnswer.accepted("gzip;q=0"));
        assertFalse(GzipAnswer.accepted("deflate, br"));
    }

    private static byte[] randomText(Random random, int length) {
        byte[] text = new byte[length];
        String alphabet = "{}[],:\"abcdef0123456789 model spend api_key total_tokens";
        for (int i = 0; i < length; i++) {
            text[i] = (byte) alphabet.charAt(random.nextInt(alphabet.length()));
        }
        return text;
    }

    private static long crc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }

    private static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }
}
