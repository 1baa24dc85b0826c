package dev.tollgate.gateway.bridge.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.errors.GatewayException;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Responses API on any provider: turns a request (and the conversation of its
 * {@code previous_response_id}) into a chat completion request, the answer into a {@code response}, and
 * keeps it when {@code store} is true (the API's default) for {@code GET}, {@code DELETE} and the next turn.
 * Only the key that created a response may read, continue or delete it; to anyone else it does not exist.
 */
@Singleton
public class ResponsesService {
    private static final Logger LOG = LoggerFactory.getLogger(ResponsesService.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ResponseStore store;
    private final Clock clock;
    private final Duration keep;

    public ResponsesService(
            ResponseStore store, Clock clock, @Value("${tollgate.responses.keep-days:30}") int keepDays) {
        this.store = store;
        this.clock = clock;
        this.keep = Duration.ofDays(keepDays);
    }

    /**
     * A request ready to run: its id, the chat request, and the conversation before the answer.
     *
     * @param owner the caller's key id
     */
    public record Prepared(
            String id, String owner, ObjectNode request, ObjectNode chat, ArrayNode conversation, Instant created) {
        boolean keep() {
            return request.path("store").asBoolean(true);
        }
    }

    public Prepared prepare(String owner, ObjectNode request) {
        ArrayNode history = JSON.createArrayNode();
        JsonNode previous = request.get("previous_response_id");
        if (previous != null && !previous.isNull()) {
            history = conversation(owned(owner, previous.asText(), "previous_response_id"));
        }
        ObjectNode chat = ResponsesRequests.toChat(request, history);
        ArrayNode conversation = history.deepCopy();
        conversation.addAll(ResponsesRequests.inputMessages(request.get("input")));
        return new Prepared(ResponseObjects.newResponseId(), owner, request, chat, conversation, clock.instant());
    }

    /** The {@code response} of a complete chat answer, kept if asked. */
    public ObjectNode complete(Prepared prepared, JsonNode completion) {
        ObjectNode response =
                ResponsesOutput.fromChat(prepared.id(), prepared.request(), completion, prepared.created());
        keep(prepared, response);
        return response;
    }

    /** A translator for a streamed answer; the final response is kept, if asked, when the stream completes. */
    public ResponsesStream stream(Prepared prepared) {
        return new ResponsesStream(
                prepared.id(), prepared.request(), prepared.created(), response -> keep(prepared, response));
    }

    public ObjectNode get(String owner, String id) {
        try {
            return (ObjectNode) JSON.readTree(owned(owner, id, null).response());
        } catch (IOException e) {
            throw GatewayException.internal("stored response " + id + " is unreadable");
        }
    }

    public ObjectNode delete(String owner, String id) {
        owned(owner, id, null);
        store.delete(id);
        ObjectNode deleted = JSON.createObjectNode();
        deleted.put("id", id).put("object", "response.deleted").put("deleted", true);
        return deleted;
    }

    private void keep(Prepared prepared, ObjectNode response) {
        if (!prepared.keep()) {
            return;
        }
        ArrayNode conversation = prepared.conversation().deepCopy();
        conversation.addAll(ResponseObjects.assistantMessages(response));
        try {
            store.put(new ResponseStore.StoredResponse(
                    prepared.id(),
                    prepared.owner(),
                    response.toString(),
                    conversation.toString(),
                    prepared.created().plus(keep)));
        } catch (RuntimeException e) {
            LOG.warn("response {} answered but not stored: {}", prepared.id(), e.toString());
        }
    }

    private ResponseStore.StoredResponse owned(String owner, String id, String param) {
        return store.find(id)
                .filter(r -> r.owner().equals(owner))
                .orElseThrow(() -> new GatewayException(
                        404,
                        "invalid_request_error",
                        "Response with id '" + id + "' not found.",
                        param,
                        "response_not_found"));
    }

    private static ArrayNode conversation(ResponseStore.StoredResponse stored) {
        try {
            return (ArrayNode) JSON.readTree(stored.conversation());
        } catch (IOException | ClassCastException e) {
            throw GatewayException.internal("stored response " + stored.id() + " is unreadable");
        }
    }
}
