package dev.tollgate.gateway.cache;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/**
 * The cache key of a chat request: SHA-256 over the sharing scope, the model as served (the public name the
 * request resolved to) and every request field that can change the answer, written canonically (object
 * fields sorted, so {@code {"a":1,"b":2}} and {@code {"b":2,"a":1}} share a key). Left out are only the
 * fields that change how the answer is delivered or attributed, never what it says: {@link #IGNORED}.
 */
public final class CacheKeys {
    /** Delivery and attribution, not content: a streamed and a complete call share an answer. */
    static final Set<String> IGNORED =
            Set.of("model", "stream", "stream_options", "user", "metadata", "tags", "cache", "request_timeout");

    private CacheKeys() {}

    /**
     * @param scope       who may share the answer ({@code team:<id>}, {@code key:<id>}, {@code global})
     * @param servedModel the public model name the request resolved to
     * @param request     the client's request body
     */
    public static String of(String scope, String servedModel, JsonNode request) {
        StringBuilder canonical = new StringBuilder();
        canonical.append("v1\n").append(scope).append('\n').append(servedModel).append('\n');
        canonical.append('{');
        boolean first = true;
        for (String field : sortedFields(request)) {
            if (IGNORED.contains(field)) {
                continue;
            }
            if (!first) {
                canonical.append(',');
            }
            first = false;
            canonical.append(quote(field)).append(':');
            write(canonical, request.get(field));
        }
        canonical.append('}');
        return sha256(canonical.toString());
    }

    private static void write(StringBuilder out, JsonNode node) {
        if (node.isObject()) {
            out.append('{');
            boolean first = true;
            for (String field : sortedFields(node)) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                out.append(quote(field)).append(':');
                write(out, node.get(field));
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(out, node.get(i));
            }
            out.append(']');
        } else if (node.isNumber()) {
            // 0, 0.0 and 0e0 are the same temperature
            out.append(node.decimalValue().stripTrailingZeros().toPlainString());
        } else {
            out.append(node.toString());
        }
    }

    private static Set<String> sortedFields(JsonNode node) {
        Set<String> fields = new TreeSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            fields.add(it.next());
        }
        return fields;
    }

    private static String quote(String text) {
        return com.fasterxml.jackson.databind.node.TextNode.valueOf(text).toString();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
