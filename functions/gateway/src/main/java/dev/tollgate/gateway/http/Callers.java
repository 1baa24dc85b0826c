package dev.tollgate.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.gateway.call.CallContext;
import dev.tollgate.gateway.call.ClientTools;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import java.io.IOException;

/**
 * Reads who is calling from a request's headers: the user agent and the agent session, when the client
 * sends one — Claude Code's {@code X-Claude-Code-Session-Id}, Codex's {@code session_id} header or the
 * {@code session_id} in its {@code x-codex-turn-metadata}, Tollgate's own {@code x-tollgate-session-id},
 * or LiteLLM's {@code x-litellm-trace-id}.
 */
final class Callers {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] SESSION_HEADERS = {
        "x-tollgate-session-id", "x-claude-code-session-id", "session_id", "x-litellm-trace-id"
    };
    private static final int MAX_ID = 128;

    private Callers() {}

    static CallContext.Caller of(HttpRequest<?> request) {
        String userAgent = request.getHeaders().get(HttpHeaders.USER_AGENT);
        return new CallContext.Caller(userAgent, ClientTools.of(userAgent), session(request));
    }

    private static String session(HttpRequest<?> request) {
        for (String header : SESSION_HEADERS) {
            String value = request.getHeaders().get(header);
            if (value != null && !value.isBlank()) {
                return bounded(value.trim());
            }
        }
        String codex = request.getHeaders().get("x-codex-turn-metadata");
        if (codex != null && codex.trim().startsWith("{")) {
            try {
                JsonNode metadata = JSON.readTree(codex);
                for (String field : new String[] {"session_id", "conversation_id"}) {
                    if (metadata.path(field).isTextual()) {
                        return bounded(metadata.get(field).asText());
                    }
                }
            } catch (IOException e) {
                return null;
            }
        }
        return null;
    }

    private static String bounded(String id) {
        return id.length() <= MAX_ID ? id : id.substring(0, MAX_ID);
    }
}
