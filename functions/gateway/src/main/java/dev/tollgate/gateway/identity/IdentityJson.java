package dev.tollgate.gateway.identity;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON form of identity records: LiteLLM's snake_case names, ISO-8601 instants, plain
 * decimals (money never becomes a double). The same names are the admin API's request fields, so a
 * validated request overlays a record's tree field by field ({@link #with}).
 */
public final class IdentityJson {
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            // Records written by a newer version stay readable by an older one during a deploy.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private IdentityJson() {}

    /** The record as a JSON string, for the item's {@code record} attribute. */
    public static String write(Identity record) {
        try {
            return JSON.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "could not encode " + record.getClass().getSimpleName(), e);
        }
    }

    /** Reads a record back from {@link #write}'s form. */
    public static <T extends Identity> T read(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "stored " + type.getSimpleName() + " is not readable: " + e.getOriginalMessage(), e);
        }
    }

    /** The record as a mutable tree with snake_case field names. */
    public static ObjectNode tree(Identity record) {
        return JSON.valueToTree(record);
    }

    /**
     * A record from a tree (e.g. a record's tree with validated request fields set on it). The tree
     * goes through its text form, so numbers in free-form maps become {@code BigDecimal} as they
     * will be when read back: a record read from storage then writes the very same JSON, which the
     * store's compare-and-set conditions rely on.
     */
    public static <T extends Identity> T fromTree(ObjectNode tree, Class<T> type) {
        try {
            return JSON.readValue(JSON.writeValueAsString(tree), type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a valid " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** A copy of {@code record} with the fields of {@code changes} replaced. */
    @SuppressWarnings("unchecked")
    public static <T extends Identity> T with(T record, ObjectNode changes) {
        ObjectNode tree = tree(record);
        tree.setAll(changes);
        return fromTree(tree, (Class<T>) record.getClass());
    }

    /** A fresh empty object node from the same mapper. */
    public static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** Any value (a list of members, …) as a tree, named the same way. */
    public static JsonNode toTree(Object value) {
        return JSON.valueToTree(value);
    }

    /** Any value from a tree, named the same way. */
    public static <T> T convert(JsonNode tree, Class<T> type) {
        return JSON.convertValue(tree, type);
    }
}
