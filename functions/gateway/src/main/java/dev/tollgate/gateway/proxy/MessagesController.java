package dev.tollgate.gateway.proxy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.admission.CallSubject;
import dev.tollgate.gateway.bridge.StreamEvent;
import dev.tollgate.gateway.bridge.messages.MessagesRequests;
import dev.tollgate.gateway.bridge.messages.MessagesResponses;
import dev.tollgate.gateway.bridge.messages.MessagesStream;
import dev.tollgate.gateway.call.CallContext;
import dev.tollgate.gateway.http.OpenAiErrorBody;
import dev.tollgate.gateway.http.ProxyAuth;
import dev.tollgate.gateway.http.RequestBodies;
import dev.tollgate.gateway.pipeline.CallPipeline;
import dev.tollgate.gateway.pipeline.CallResult;
import dev.tollgate.gateway.spendlog.SpendLogRecord;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.Map;

/**
 * Anthropic's Messages API, {@code POST /v1/messages} (Claude Code sends {@code ?beta=true}) and
 * {@code POST /v1/messages/count_tokens}: the request is bridged to a chat completion and runs the same
 * pipeline as every call (docs/coding-agents.md), the answer is bridged back, streamed as Anthropic's
 * events. Keys arrive as {@code x-api-key} or {@code Authorization: Bearer}; errors use Anthropic's shape.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class MessagesController {
    private final ProxyAuth auth;
    private final RequestBodies bodies;
    private final CallPipeline pipeline;
    private final CallDelivery delivery;

    public MessagesController(ProxyAuth auth, RequestBodies bodies, CallPipeline pipeline, CallDelivery delivery) {
        this.auth = auth;
        this.bodies = bodies;
        this.pipeline = pipeline;
        this.delivery = delivery;
    }

    @Post(
            uris = {"/v1/messages", "/messages"},
            consumes = MediaType.ALL,
            produces = {MediaType.APPLICATION_JSON, MediaType.TEXT_EVENT_STREAM})
    public HttpResponse<?> messages(HttpRequest<?> request, @Nullable @Body byte[] body) {
        CallContext call = auth.authenticate(request);
        ObjectNode messages = bodies.object(body);
        String model = messages.path("model").asText("");
        CallResult result = pipeline.chat(
                call,
                SpendLogRecord.MESSAGES,
                MessagesRequests.toChat(messages),
                request.getHeaders().get(CallSubject.END_USER_HEADER));
        return delivery.respond(request, call, result, answer -> MessagesResponses.fromChat(answer, model), () -> {
            MessagesStream events = new MessagesStream(model);
            return StreamDialect.bridged(
                    events::chunk,
                    events::end,
                    error -> StreamEvent.named("error", delivery.write(OpenAiErrorBody.anthropic(error))));
        });
    }

    @Post(
            uris = {"/v1/messages/count_tokens", "/messages/count_tokens"},
            consumes = MediaType.ALL,
            produces = MediaType.APPLICATION_JSON)
    public Map<String, Integer> countTokens(HttpRequest<?> request, @Nullable @Body byte[] body) {
        CallContext call = auth.authenticate(request);
        ObjectNode messages = bodies.object(body);
        if (!messages.has("max_tokens")) {
            messages.put("max_tokens", 1); // count_tokens takes no max_tokens; the bridge needs one
        }
        return Map.of("input_tokens", pipeline.countInputTokens(call, MessagesRequests.toChat(messages)));
    }
}
