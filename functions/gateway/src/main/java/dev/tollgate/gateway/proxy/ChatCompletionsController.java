package dev.tollgate.gateway.proxy;

import dev.tollgate.gateway.admission.CallSubject;
import dev.tollgate.gateway.call.CallContext;
import dev.tollgate.gateway.http.ProxyAuth;
import dev.tollgate.gateway.http.RequestBodies;
import dev.tollgate.gateway.pipeline.CallPipeline;
import dev.tollgate.gateway.pipeline.CallResult;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** {@code POST /v1/chat/completions}: HTTP in, {@link CallPipeline} call, HTTP out. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class ChatCompletionsController {
    private final ProxyAuth auth;
    private final RequestBodies bodies;
    private final CallPipeline chat;
    private final CallDelivery delivery;

    public ChatCompletionsController(ProxyAuth auth, RequestBodies bodies, CallPipeline chat, CallDelivery delivery) {
        this.auth = auth;
        this.bodies = bodies;
        this.chat = chat;
        this.delivery = delivery;
    }

    @Post(
            uris = {"/v1/chat/completions", "/chat/completions"},
            consumes = MediaType.ALL,
            produces = {MediaType.APPLICATION_JSON, MediaType.TEXT_EVENT_STREAM})
    public HttpResponse<?> complete(HttpRequest<?> request, @Nullable @Body byte[] body) {
        CallContext call = auth.authenticate(request);
        CallResult result =
                chat.chat(call, bodies.object(body), request.getHeaders().get(CallSubject.END_USER_HEADER));
        return delivery.respond(request, call, result);
    }
}
