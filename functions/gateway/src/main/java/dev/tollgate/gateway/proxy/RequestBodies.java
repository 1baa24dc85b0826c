package dev.tollgate.gateway.proxy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.config.GatewayConfig;
import dev.tollgate.gateway.http.OpenAiException;
import jakarta.inject.Singleton;
import java.io.IOException;

/** Reads a JSON request body: size limit first (413), then syntax (400), then "must be an object". */
@Singleton
public class RequestBodies {
    private final ObjectMapper json;
    private final long maxBytes;

    public RequestBodies(ObjectMapper json, GatewayConfig config) {
        this.json = json;
        this.maxBytes = config.settings().maxRequestBytesOrDefault();
    }

    public ObjectNode object(byte[] body) {
        if (body == null || body.length == 0) {
            throw OpenAiException.invalidRequest("Request body is empty; send a JSON object", null);
        }
        if (body.length > maxBytes) {
            throw OpenAiException.tooLarge(maxBytes);
        }
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw OpenAiException.invalidRequest(
                    "Request body is not valid JSON: " + e.getOriginalMessage() + " (line "
                            + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ")",
                    null);
        } catch (IOException e) {
            throw OpenAiException.invalidRequest("Request body could not be read", null);
        }
        if (!(node instanceof ObjectNode object)) {
            throw OpenAiException.invalidRequest("Request body must be a JSON object", null);
        }
        return object;
    }
}
