package dev.tollgate.gateway.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.http.AdminOnly;
import dev.tollgate.gateway.identity.IdentityStore;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** {@code /customer/*}: end users (docs/admin-api.md). Master key only. */
@AdminOnly
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Requires(beans = IdentityStore.class)
public class CustomerAdminController {
    private final AdminBodies bodies;
    private final CustomerService customers;

    CustomerAdminController(AdminBodies bodies, CustomerService customers) {
        this.bodies = bodies;
        this.customers = customers;
    }

    @Post(uri = "/customer/new", consumes = MediaType.ALL)
    public ObjectNode create(@Nullable @Body byte[] body) {
        return customers.create(bodies.read(body));
    }

    @Post(uri = "/customer/update", consumes = MediaType.ALL)
    public ObjectNode update(@Nullable @Body byte[] body) {
        return customers.update(bodies.read(body));
    }

    @Post(uri = "/customer/block", consumes = MediaType.ALL)
    public ObjectNode block(@Nullable @Body byte[] body) {
        return customers.setBlocked(bodies.read(body), true);
    }

    @Post(uri = "/customer/unblock", consumes = MediaType.ALL)
    public ObjectNode unblock(@Nullable @Body byte[] body) {
        return customers.setBlocked(bodies.read(body), false);
    }

    @Post(uri = "/customer/delete", consumes = MediaType.ALL)
    public ObjectNode delete(@Nullable @Body byte[] body) {
        return customers.delete(bodies.read(body));
    }

    @Get("/customer/info")
    public ObjectNode info(@Nullable @QueryValue("end_user_id") String endUserId) {
        return customers.info(endUserId);
    }
}
