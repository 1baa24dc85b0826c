package dev.tollgate.gateway.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.pricing.ModelPrice;

/** Sets a request's output-token limit in the field its model family expects. */
final class OutputLimit {
    private static final String TOKENS = "max_tokens";
    private static final String COMPLETION_TOKENS = "max_completion_tokens";

    private OutputLimit() {}

    /**
     * {@code max_completion_tokens} when the request uses it or the model reasons (OpenAI's reasoning
     * models refuse {@code max_tokens}); otherwise {@code max_tokens}. A field already present is lowered.
     */
    static void set(ObjectNode body, int tokens, ModelPrice price) {
        boolean completionField = body.has(COMPLETION_TOKENS) || (!body.has(TOKENS) && price.supportsReasoning());
        if (completionField) {
            body.put(COMPLETION_TOKENS, tokens);
            if (body.has(TOKENS)) {
                body.put(TOKENS, tokens);
            }
        } else {
            body.put(TOKENS, tokens);
        }
    }

    /** The output limit in force (the smaller of the two fields), or null when the request sets none. */
    static Integer get(ObjectNode body) {
        Integer limit = null;
        for (String field : new String[] {TOKENS, COMPLETION_TOKENS}) {
            JsonNode v = body.get(field);
            if (v != null && v.canConvertToInt()) {
                limit = limit == null ? v.asInt() : Math.min(limit, v.asInt());
            }
        }
        return limit;
    }

    /** The request's own output-limit fields, to undo a clamp before the call tries its worst case again. */
    static Saved save(ObjectNode body) {
        return new Saved(copy(body.get(TOKENS)), copy(body.get(COMPLETION_TOKENS)));
    }

    record Saved(JsonNode tokens, JsonNode completionTokens) {
        void restore(ObjectNode body) {
            put(body, TOKENS, tokens);
            put(body, COMPLETION_TOKENS, completionTokens);
        }

        private static void put(ObjectNode body, String field, JsonNode value) {
            if (value == null) {
                body.remove(field);
            } else {
                body.set(field, value.deepCopy());
            }
        }
    }

    private static JsonNode copy(JsonNode node) {
        return node == null ? null : node.deepCopy();
    }
}
