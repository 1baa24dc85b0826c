package dev.tollgate.gateway.bridge.responses;

import java.time.Instant;
import java.util.Optional;

/**
 * Responses kept for {@code GET /v1/responses/{id}} and {@code previous_response_id} when a request says
 * {@code store: true} (the API's default): the response as returned, and the conversation so far as chat
 * messages (the next turn's history). Each belongs to the key that created it; nobody else can read,
 * continue or delete it. Kept until {@code expiresAt} (DynamoDB TTL on AWS).
 */
public interface ResponseStore {

    /** Keeps a response (overwriting one of the same id). */
    void put(StoredResponse response);

    /** The response with this id, whoever owns it (the caller checks ownership), if still kept. */
    Optional<StoredResponse> find(String id);

    /** Forgets a response; false when there was none. */
    boolean delete(String id);

    /**
     * @param id           {@code resp_…}
     * @param owner        the creating key's id (its hash at creation, stable across rotation)
     * @param response     the response object, JSON
     * @param conversation the chat messages of the conversation including this response's output, JSON array
     * @param expiresAt    when it may be forgotten
     */
    record StoredResponse(String id, String owner, String response, String conversation, Instant expiresAt) {}
}
