package dev.tollgate.gateway.spendlog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Writes a {@link SpendLogRecord} as one JSON line and reads it back: snake_case names, nulls left
 * out, money as plain decimals ({@code 0.00015}, never {@code 1.5E-4}), times as ISO-8601 UTC with
 * milliseconds ({@code 2025-05-01T12:00:00.120Z}). Unknown fields are ignored when reading (a newer
 * writer may add some). Thread-safe; this mapper is its own, independent of Micronaut's.
 */
public final class SpendLogJson {

    /** ISO-8601 UTC with exactly three fraction digits, so lines sort and parse alike everywhere. */
    static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final ObjectMapper mapper;

    /** The mapper with the settings above. */
    public SpendLogJson() {
        SimpleModule times = new SimpleModule("spend-log-times");
        times.addSerializer(Instant.class, new InstantWriter());
        times.addDeserializer(Instant.class, new InstantReader());
        this.mapper = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.INDENT_OUTPUT)
                .addModule(times)
                .build();
    }

    /** The record as one line of JSON (no line break in it, none at the end). */
    public String write(SpendLogRecord record) {
        try {
            return mapper.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write spend-log record " + record.requestId(), e);
        }
    }

    /**
     * The record of one JSON line.
     *
     * @throws SpendLogFormatException when the text is not JSON or not a valid record
     */
    public SpendLogRecord read(String line) {
        if (line == null || line.isBlank()) {
            throw new SpendLogFormatException("empty spend-log line", null);
        }
        try {
            SpendLogRecord record = mapper.readValue(line, SpendLogRecord.class);
            if (record == null) {
                throw new SpendLogFormatException("spend-log line is null", null);
            }
            return record;
        } catch (IOException | RuntimeException e) {
            if (e instanceof SpendLogFormatException format) {
                throw format;
            }
            throw new SpendLogFormatException("not a spend-log record: " + rootMessage(e), e);
        }
    }

    /** The time in the form the lines use. */
    public static String formatTime(Instant time) {
        return TIME.format(time);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(root.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static final class InstantWriter extends JsonSerializer<Instant> {
        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(TIME.format(value));
        }
    }

    private static final class InstantReader extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getValueAsString();
            try {
                return text == null || text.isBlank() ? null : Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw ctxt.weirdStringException(text, Instant.class, "not an ISO-8601 instant");
            }
        }
    }
}
