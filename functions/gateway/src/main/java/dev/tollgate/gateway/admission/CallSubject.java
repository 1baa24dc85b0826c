package dev.tollgate.gateway.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.identity.Principal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Whom a call is attributed to: the key (and through it user and team), the end user (the request's
 * {@code user} field, or the {@code x-tollgate-end-user} header, which wins), and the tags (the request's
 * {@code tags} or {@code metadata.tags}, plus the key's own).
 *
 * @param principal the authenticated key
 * @param endUser   end-user id, or null
 * @param tags      tag names, de-duplicated, in order
 * @param model     the public model the call resolved to (per-model budgets), or null
 * @param sessionId the agent session the call belongs to (per-session budgets), or null
 */
public record CallSubject(Principal principal, String endUser, List<String> tags, String model, String sessionId) {
    public static final String END_USER_HEADER = "x-tollgate-end-user";

    public CallSubject(Principal principal, String endUser, List<String> tags) {
        this(principal, endUser, tags, null, null);
    }

    /** The subject of a call to {@code model} in session {@code sessionId} (either may be null). */
    public static CallSubject of(
            Principal principal, ObjectNode body, String endUserHeader, String model, String sessionId) {
        CallSubject s = of(principal, body, endUserHeader);
        return new CallSubject(s.principal(), s.endUser(), s.tags(), model, sessionId);
    }

    public static CallSubject of(Principal principal, ObjectNode body, String endUserHeader) {
        String endUser = endUserHeader != null && !endUserHeader.isBlank()
                ? endUserHeader.trim()
                : body.path("user").isTextual() && !body.path("user").asText().isBlank()
                        ? body.path("user").asText()
                        : null;
        LinkedHashSet<String> tags = new LinkedHashSet<>();
        addTags(tags, body.get("tags"));
        addTags(tags, body.path("metadata").get("tags"));
        if (principal.key() != null && principal.key().tags() != null) {
            tags.addAll(principal.key().tags());
        }
        return new CallSubject(principal, endUser, List.copyOf(new ArrayList<>(tags)));
    }

    private static void addTags(LinkedHashSet<String> tags, JsonNode node) {
        if (node == null || !node.isArray()) {
            return;
        }
        for (JsonNode tag : node) {
            if (tag.isTextual() && !tag.asText().isBlank()) {
                tags.add(tag.asText());
            }
        }
    }
}
