package dev.tollgate.gateway.providers.bedrock;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Writes {@code application/vnd.amazon.eventstream} messages, the binary framing of Bedrock's
 * ConverseStream: a 12-byte prelude (total length, headers length, CRC32 of those 8 bytes), headers
 * (name length, name, type 7 = string, value length, value), the payload, and a CRC32 of everything
 * before it. All integers big-endian.
 */
final class EventStreamEncoder {
    private static final byte STRING = 7;

    private EventStreamEncoder() {}

    /** An event: {@code :event-type} names the union member, the payload is its JSON. */
    static byte[] event(String eventType, String json) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(":event-type", eventType);
        headers.put(":content-type", "application/json");
        headers.put(":message-type", "event");
        return message(headers, json.getBytes(StandardCharsets.UTF_8));
    }

    /** A modelled exception in the stream, e.g. {@code throttlingException} or {@code modelStreamErrorException}. */
    static byte[] exception(String exceptionType, String message) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(":exception-type", exceptionType);
        headers.put(":content-type", "application/json");
        headers.put(":message-type", "exception");
        return message(headers, ("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    static byte[] message(Map<String, String> headers, byte[] payload) {
        ByteArrayOutputStream encodedHeaders = new ByteArrayOutputStream();
        headers.forEach((name, value) -> {
            byte[] n = name.getBytes(StandardCharsets.UTF_8);
            byte[] v = value.getBytes(StandardCharsets.UTF_8);
            encodedHeaders.write(n.length);
            encodedHeaders.writeBytes(n);
            encodedHeaders.write(STRING);
            encodedHeaders.write((v.length >>> 8) & 0xFF);
            encodedHeaders.write(v.length & 0xFF);
            encodedHeaders.writeBytes(v);
        });
        byte[] h = encodedHeaders.toByteArray();
        int total = 12 + h.length + payload.length + 4;
        ByteBuffer buffer = ByteBuffer.allocate(total);
        buffer.putInt(total).putInt(h.length);
        buffer.putInt((int) crc(buffer.array(), 0, 8));
        buffer.put(h).put(payload);
        buffer.putInt((int) crc(buffer.array(), 0, total - 4));
        return buffer.array();
    }

    private static long crc(byte[] bytes, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, offset, length);
        return crc.getValue();
    }
}
