package dev.tollgate.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.identity.Durations;
import dev.tollgate.gateway.identity.IdentityJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A validated admin request body. {@link #allowOnly} refuses unknown fields (400 naming the first),
 * so a typo such as {@code max_budge} never passes silently; the typed getters refuse wrong values
 * the same way.
 */
final class AdminBody {
    private final ObjectNode node;
    private final String prefix;

    AdminBody(ObjectNode node) {
        this(node, "");
    }

    private AdminBody(ObjectNode node, String prefix) {
        this.node = node;
        this.prefix = prefix;
    }

    /** The name of {@code field} in error messages: nested fields carry their path ({@code member.user_id}). */
    private String at(String field) {
        return prefix + field;
    }

    /** Refuses any field outside {@code schema} and {@code extra}. */
    AdminBody allowOnly(Map<String, FieldType> schema, Set<String> extra) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!schema.containsKey(field) && !extra.contains(field)) {
                throw FieldType.invalid(at(field), "is not a known field of this request");
            }
        }
        return this;
    }

    boolean has(String field) {
        return node.has(field);
    }

    /** The fields of {@code schema} present in the body, checked and normalized, under the same names. */
    ObjectNode fields(Map<String, FieldType> schema) {
        ObjectNode out = IdentityJson.object();
        schema.forEach((name, type) -> {
            if (node.has(name)) {
                out.set(name, type.normalize(at(name), node.get(name)));
            }
        });
        return out;
    }

    /** A string field, or null when absent or null. */
    String string(String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : FieldType.text(at(field), value);
    }

    /** A string field that must be present. */
    String requiredString(String field) {
        String value = string(field);
        if (value == null) {
            throw FieldType.invalid(at(field), "is required");
        }
        return value;
    }

    /** Refuses a string field whose value is not one of {@code allowed}. */
    void oneOf(String field, List<String> allowed) {
        String value = string(field);
        if (value != null && !allowed.contains(value)) {
            throw FieldType.invalid(at(field), "must be one of " + allowed);
        }
    }

    /** A list of strings, empty when absent. */
    List<String> strings(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        FieldType.strings(at(field), value).forEach(v -> out.add(v.asText()));
        return out;
    }

    /** A boolean, {@code fallback} when absent. */
    boolean bool(String field, boolean fallback) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        return FieldType.BOOLEAN.normalize(at(field), value).asBoolean();
    }

    /** A duration such as {@code 30d} ({@link Durations}), or null when absent or null. */
    Duration duration(String field) {
        String text = string(field);
        if (text == null) {
            return null;
        }
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw FieldType.invalid(at(field), "is not a duration: " + e.getMessage());
        }
    }

    /** A nested object (e.g. {@code member}), or each element of a list of them. */
    List<AdminBody> objects(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw FieldType.invalid(at(field), "is required");
        }
        List<AdminBody> out = new ArrayList<>();
        if (value.isObject()) {
            out.add(new AdminBody((ObjectNode) value, at(field) + "."));
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                String element = at(field) + "[" + i + "]";
                if (!value.get(i).isObject()) {
                    throw FieldType.invalid(element, "must be an object");
                }
                out.add(new AdminBody((ObjectNode) value.get(i), element + "."));
            }
        } else {
            throw FieldType.invalid(at(field), "must be an object or a list of objects");
        }
        return out;
    }
}
