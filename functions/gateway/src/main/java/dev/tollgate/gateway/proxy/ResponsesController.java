package dev.tollgate.gateway.proxy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.admission.CallSubject;
import dev.tollgate.gateway.bridge.responses.ResponsesService;
import dev.tollgate.gateway.bridge.responses.ResponsesStream;
import dev.tollgate.gateway.call.CallContext;
import dev.tollgate.gateway.http.ProxyAuth;
import dev.tollgate.gateway.http.RequestBodies;
import dev.tollgate.gateway.identity.Principal;
import dev.tollgate.gateway.pipeline.CallPipeline;
import dev.tollgate.gateway.pipeline.CallResult;
import dev.tollgate.gateway.spendlog.SpendLogRecord;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * OpenAI's Responses API, {@code POST /v1/responses}, {@code GET|DELETE /v1/responses/{id}}: bridged to
 * chat completions on the same pipeline as every call (docs/coding-agents.md), streamed as the Responses
 * API's events; stored responses are readable only by the key that created them.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class ResponsesController {
    private final ProxyAuth auth;
    private final RequestBodies bodies;
    private final CallPipeline pipeline;
    private final ResponsesService responses;
    private final CallDelivery delivery;

    public ResponsesController(
            ProxyAuth auth,
            RequestBodies bodies,
            CallPipeline pipeline,
            ResponsesService responses,
            CallDelivery delivery) {
        this.auth = auth;
        this.bodies = bodies;
        this.pipeline = pipeline;
        this.responses = responses;
        this.delivery = delivery;
    }

    @Post(
            uris = {"/v1/responses", "/responses"},
            consumes = MediaType.ALL,
            produces = {MediaType.APPLICATION_JSON, MediaType.TEXT_EVENT_STREAM})
    public HttpResponse<?> create(HttpRequest<?> request, @Nullable @Body byte[] body) {
        CallContext call = auth.authenticate(request);
        ResponsesService.Prepared prepared = responses.prepare(owner(call.principal()), bodies.object(body));
        CallResult result = pipeline.chat(
                call,
                SpendLogRecord.RESPONSES,
                prepared.chat(),
                request.getHeaders().get(CallSubject.END_USER_HEADER));
        return delivery.respond(request, call, result, answer -> responses.complete(prepared, answer), () -> {
            ResponsesStream events = responses.stream(prepared);
            return StreamDialect.bridged(
                    events::chunk,
                    events::end,
                    error -> events.failed(error.code() == null ? error.type() : error.code(), error.getMessage()));
        });
    }

    @Get(
            uris = {"/v1/responses/{id}", "/responses/{id}"},
            produces = MediaType.APPLICATION_JSON)
    public ObjectNode get(HttpRequest<?> request, @PathVariable String id) {
        return responses.get(owner(auth.authenticate(request).principal()), id);
    }

    @Delete(
            uris = {"/v1/responses/{id}", "/responses/{id}"},
            produces = MediaType.APPLICATION_JSON)
    public ObjectNode delete(HttpRequest<?> request, @PathVariable String id) {
        return responses.delete(owner(auth.authenticate(request).principal()), id);
    }

    /** The key's id, stable across rotation (a rotated key keeps reading its responses). */
    private static String owner(Principal principal) {
        return principal.key() != null ? principal.key().keyId() : principal.keyHash();
    }
}
