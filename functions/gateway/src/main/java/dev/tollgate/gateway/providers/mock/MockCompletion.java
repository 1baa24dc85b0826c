package dev.tollgate.gateway.providers.mock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.config.MockSettings;
import dev.tollgate.pricing.TokenCounter;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * One mock answer: the reply (cut to the request's output limit), its pieces for streaming, and usage.
 * The id is derived from the request, so the same request gets the same answer.
 */
record MockCompletion(
        String id, String text, List<String> pieces, String finishReason, int promptTokens, int completionTokens) {
    private static final String TOKENIZER_MODEL = "gpt-4o-mini";

    static MockCompletion of(JsonNode body, MockSettings settings) {
        String full = MockReplies.text(body, settings);
        List<String> pieces = MockReplies.pieces(full);
        int limit = MockReplies.maxTokens(body);
        String finish = "stop";
        String text = full;
        int completionTokens = TokenCounter.countText(TOKENIZER_MODEL, text);
        if (limit >= 0 && completionTokens > limit) {
            finish = "length";
            int keep = pieces.size();
            while (keep > 0 && completionTokens > limit) {
                keep--;
                text = String.join("", pieces.subList(0, keep));
                completionTokens = TokenCounter.countText(TOKENIZER_MODEL, text);
            }
            pieces = pieces.subList(0, keep);
        }
        int promptTokens = TokenCounter.countMessages(TOKENIZER_MODEL, body.path("messages"));
        String id = "chatcmpl-mock-"
                + HexFormat.of()
                        .formatHex(
                                UUID.nameUUIDFromBytes(body.toString().getBytes(StandardCharsets.UTF_8))
                                        .toString()
                                        .getBytes(StandardCharsets.UTF_8),
                                0,
                                12);
        return new MockCompletion(id, text, List.copyOf(pieces), finish, promptTokens, completionTokens);
    }
}
