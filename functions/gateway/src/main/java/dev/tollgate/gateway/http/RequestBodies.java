package dev.tollgate.gateway.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.config.GatewayConfig;
import dev.tollgate.gateway.errors.GatewayException;
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
            throw GatewayException.invalidRequest("Request body is empty; send a JSON object", null);
        }
        if (body.length > maxBytes) {
            throw GatewayException.tooLarge(maxBytes);
        }
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JsonProcessingException e) {
            // a body nested past Jackson's depth limit fails with no location: still the client's error, a 400
            String where = e.getLocation() == null
                    ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ")";
            throw GatewayException.invalidRequest(
                    "Request body is not valid JSON: " + e.getOriginalMessage() + where, null);
        } catch (IOException e) {
            throw GatewayException.invalidRequest("Request body could not be read", null);
        } catch (StackOverflowError e) {
            throw GatewayException.invalidRequest("Request body is nested too deeply", null);
        }
        if (!(node instanceof ObjectNode object)) {
            throw GatewayException.invalidRequest("Request body must be a JSON object", null);
        }
        return object;
    }
}
