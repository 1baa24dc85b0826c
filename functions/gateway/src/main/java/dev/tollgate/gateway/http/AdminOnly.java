package dev.tollgate.gateway.http;

import io.micronaut.http.annotation.FilterMatcher;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A master-key-only route: on a controller, every route it declares; on a method, that route. {@link AdminGate}
 * refuses everyone else before the route runs (a Micronaut filter matcher: the gate is applied to the routes
 * that carry this annotation, and only to them). A route a virtual key may call about itself ({@code GET
 * /key/info}) goes in a controller without it and authenticates with {@link AdminAuth#authenticate}.
 */
@FilterMatcher
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface AdminOnly {}
