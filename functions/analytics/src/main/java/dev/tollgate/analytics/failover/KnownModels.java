package dev.tollgate.analytics.failover;

import java.util.Collection;

/** The model names the gateway serves ({@code GET /v1/models}); a rule may only name these. */
@FunctionalInterface
public interface KnownModels {
    Collection<String> names();
}
