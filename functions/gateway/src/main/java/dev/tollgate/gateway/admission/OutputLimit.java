package dev.tollgate.gateway.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.pricing.ModelPrice;

/** Sets a request's output-token limit in the field its model family expects. */
final class OutputLimit {
    private OutputLimit() {}

    /**
     * {@code max_completion_tokens} when the request uses it or the model reasons (OpenAI's reasoning
     * models refuse {@code max_tokens}); otherwise {@code max_tokens}. A field already present is lowered.
     */
    static void set(ObjectNode body, int tokens, ModelPrice price) {
        boolean completionField =
                body.has("max_completion_tokens") || (!body.has("max_tokens") && price.supportsReasoning());
        if (completionField) {
            body.put("max_completion_tokens", tokens);
            if (body.has("max_tokens")) {
                body.put("max_tokens", tokens);
            }
        } else {
            body.put("max_tokens", tokens);
        }
    }
}
