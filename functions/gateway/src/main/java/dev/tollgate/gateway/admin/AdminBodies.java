package dev.tollgate.gateway.admin;

import dev.tollgate.gateway.http.RequestBodies;
import dev.tollgate.gateway.identity.IdentityJson;
import jakarta.inject.Singleton;

/** Reads admin request bodies with the gateway's {@link RequestBodies} (size limit, JSON syntax, object). */
@Singleton
class AdminBodies {
    private final RequestBodies bodies;

    AdminBodies(RequestBodies bodies) {
        this.bodies = bodies;
    }

    AdminBody read(byte[] body) {
        return new AdminBody(bodies.object(body));
    }

    /** A body that may be absent (an empty object then). */
    AdminBody readOptional(byte[] body) {
        return body == null || body.length == 0 ? new AdminBody(IdentityJson.object()) : read(body);
    }
}
