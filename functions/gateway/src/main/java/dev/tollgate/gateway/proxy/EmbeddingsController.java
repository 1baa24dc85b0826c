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

/** {@code POST /v1/embeddings}. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class EmbeddingsController {
    private final ProxyAuth auth;
    private final RequestBodies bodies;
    private final CallPipeline service;
    private final CallDelivery delivery;

    public EmbeddingsController(ProxyAuth auth, RequestBodies bodies, CallPipeline service, CallDelivery delivery) {
        this.auth = auth;
        this.bodies = bodies;
        this.service = service;
        this.delivery = delivery;
    }

    @Post(
            uris = {"/v1/embeddings", "/embeddings"},
            consumes = MediaType.ALL,
            produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> embed(HttpRequest<?> request, @Nullable @Body byte[] body) {
        CallContext call = auth.authenticate(request);
        CallResult.Complete result = service.embeddings(
                call, bodies.object(body), request.getHeaders().get(CallSubject.END_USER_HEADER));
        return delivery.respond(request, call, result);
    }
}
