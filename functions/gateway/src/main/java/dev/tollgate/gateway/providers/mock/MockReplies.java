package dev.tollgate.gateway.providers.mock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.config.MockSettings;
import java.util.ArrayList;
import java.util.List;

/** What the mock model says: deterministic text derived from the request, cut to the request's token limit. */
final class MockReplies {
    private static final int ECHO_CHARS = 200;

    private MockReplies() {}

    static String text(JsonNode body, MockSettings settings) {
        JsonNode forced = body.get("mock_response");
        if (forced != null && forced.isTextual()) {
            return forced.asText();
        }
        if (settings.reply() != null) {
            return settings.reply();
        }
        String last = lastUserText(body.path("messages"));
        if (last.length() > ECHO_CHARS) {
            last = last.substring(0, ECHO_CHARS);
        }
        return "This is Tollgate's mock model. You said: " + last;
    }

    /** The reply split into stream pieces: the first word, then each following word with its leading space. */
    static List<String> pieces(String text) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == ' ') {
                pieces.add(text.substring(start, i));
                start = i;
            }
        }
        return pieces;
    }

    /** The output-token limit the request sets ({@code max_completion_tokens}, else {@code max_tokens}), or -1. */
    static int maxTokens(JsonNode body) {
        JsonNode limit =
                body.hasNonNull("max_completion_tokens") ? body.get("max_completion_tokens") : body.get("max_tokens");
        return limit != null && limit.canConvertToInt() ? limit.asInt() : -1;
    }

    private static String lastUserText(JsonNode messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            JsonNode m = messages.get(i);
            if ("user".equals(m.path("role").asText())) {
                JsonNode content = m.path("content");
                if (content.isTextual()) {
                    return content.asText();
                }
                StringBuilder text = new StringBuilder();
                for (JsonNode part : content) {
                    if (part.path("text").isTextual()) {
                        text.append(part.path("text").asText());
                    }
                }
                return text.toString();
            }
        }
        return "";
    }
}
