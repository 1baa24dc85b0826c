package dev.tollgate.gateway.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.http.AdminAuth;
import dev.tollgate.gateway.identity.IdentityStore;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** {@code /customer/*}: end users (docs/admin-api.md). Master key only. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Requires(beans = IdentityStore.class)
public class CustomerAdminController {
    private final AdminAuth auth;
    private final AdminBodies bodies;
    private final CustomerService customers;

    CustomerAdminController(AdminAuth auth, AdminBodies bodies, CustomerService customers) {
        this.auth = auth;
        this.bodies = bodies;
        this.customers = customers;
    }

    @Post(uri = "/customer/new", consumes = MediaType.ALL)
    public ObjectNode create(HttpRequest<?> request, @Nullable @Body byte[] body) {
        auth.requireAdmin(request);
        return customers.create(bodies.read(body));
    }

    @Post(uri = "/customer/update", consumes = MediaType.ALL)
    public ObjectNode update(HttpRequest<?> request, @Nullable @Body byte[] body) {
        auth.requireAdmin(request);
        return customers.update(bodies.read(body));
    }

    @Post(uri = "/customer/block", consumes = MediaType.ALL)
    public ObjectNode block(HttpRequest<?> request, @Nullable @Body byte[] body) {
        auth.requireAdmin(request);
        return customers.setBlocked(bodies.read(body), true);
    }

    @Post(uri = "/customer/unblock", consumes = MediaType.ALL)
    public ObjectNode unblock(HttpRequest<?> request, @Nullable @Body byte[] body) {
        auth.requireAdmin(request);
        return customers.setBlocked(bodies.read(body), false);
    }

    @Post(uri = "/customer/delete", consumes = MediaType.ALL)
    public ObjectNode delete(HttpRequest<?> request, @Nullable @Body byte[] body) {
        auth.requireAdmin(request);
        return customers.delete(bodies.read(body));
    }

    @Get("/customer/info")
    public ObjectNode info(HttpRequest<?> request, @Nullable @QueryValue("end_user_id") String endUserId) {
        auth.requireAdmin(request);
        return customers.info(endUserId);
    }
}
