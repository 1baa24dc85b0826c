package dev.tollgate.gateway.testing;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.uri.UriMatchTemplate;
import io.micronaut.http.uri.UriMatchVariable;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Every route of a running gateway, read from Micronaut's {@link Router}, held to the admin gate: a route
 * not on the allow-list ({@link #OPEN}) must answer 401 without a key and 403 {@code permission_error} to a
 * virtual key. A new admin route that forgets {@code @AdminOnly} fails this, whichever controller it is in.
 */
public final class AdminRouteAudit {

    /** Who may call an allow-listed route besides the master key. */
    public enum Open {
        /** Anyone, no key: liveness, the dashboard's page and sign-in. */
        PUBLIC,
        /** Any valid key, master or virtual (401 without one): the model APIs, and a key's reads about itself. */
        ANY_KEY
    }

    /**
     * The allow-list: {@code METHOD /path-template} (query variables left out) of the routes that are not
     * master-key only, and who may call them; a GET's entry covers the HEAD Micronaut adds beside it.
     * Anything else is an admin route.
     */
    public static final Map<String, Open> OPEN = Map.ofEntries(
            // liveness and the dashboard (docs/dashboard.md)
            Map.entry("GET /health", Open.PUBLIC),
            Map.entry("GET /ui", Open.PUBLIC),
            Map.entry("GET /ui/assets/{name}", Open.PUBLIC),
            Map.entry("POST /auth/login", Open.PUBLIC),
            Map.entry("POST /auth/logout", Open.PUBLIC),
            Map.entry("GET /auth/session", Open.ANY_KEY),
            // the model APIs (OpenAI's and Anthropic's paths, with and without /v1)
            Map.entry("POST /v1/chat/completions", Open.ANY_KEY),
            Map.entry("POST /chat/completions", Open.ANY_KEY),
            Map.entry("POST /v1/embeddings", Open.ANY_KEY),
            Map.entry("POST /embeddings", Open.ANY_KEY),
            Map.entry("POST /v1/responses", Open.ANY_KEY),
            Map.entry("POST /responses", Open.ANY_KEY),
            Map.entry("GET /v1/responses/{id}", Open.ANY_KEY),
            Map.entry("GET /responses/{id}", Open.ANY_KEY),
            Map.entry("DELETE /v1/responses/{id}", Open.ANY_KEY),
            Map.entry("DELETE /responses/{id}", Open.ANY_KEY),
            Map.entry("POST /v1/messages", Open.ANY_KEY),
            Map.entry("POST /v1/messages/count_tokens", Open.ANY_KEY),
            Map.entry("POST /messages", Open.ANY_KEY),
            Map.entry("POST /messages/count_tokens", Open.ANY_KEY),
            Map.entry("GET /v1/models", Open.ANY_KEY),
            Map.entry("GET /models", Open.ANY_KEY),
            Map.entry("GET /v1/models/{+id}", Open.ANY_KEY),
            Map.entry("GET /models/{+id}", Open.ANY_KEY),
            // LiteLLM's utility routes any key may call (docs/cost.md, docs/caching.md, docs/routing.md)
            Map.entry("POST /spend/calculate", Open.ANY_KEY),
            Map.entry("POST /predict", Open.ANY_KEY),
            Map.entry("GET /pricing", Open.ANY_KEY),
            Map.entry("GET /model/info", Open.ANY_KEY),
            Map.entry("GET /v1/model/info", Open.ANY_KEY),
            Map.entry("GET /cache/ping", Open.ANY_KEY),
            Map.entry("GET /health/models", Open.ANY_KEY),
            // a virtual key about itself (docs/admin-api.md); anything wider is 403 inside the route
            Map.entry("GET /key/info", Open.ANY_KEY),
            Map.entry("GET /team/info", Open.ANY_KEY),
            Map.entry("GET /spend/logs", Open.ANY_KEY));

    private AdminRouteAudit() {}

    /** One route: its method, its path template (without query variables) and its controller. */
    public record Route(String method, UriMatchTemplate template, Class<?> controller) {
        /** {@code GET /key/info}: how {@link #OPEN} names it. */
        public String name() {
            return method + " " + template.toPathString();
        }

        /** Who besides the master key may call it; null for an admin route. */
        public Open open() {
            return OPEN.get(method.equals("HEAD") ? "GET " + template.toPathString() : name());
        }

        /** A concrete path: each path variable {@code x1}, {@code x2}…, no query. */
        public String samplePath() {
            Map<String, Object> values = new HashMap<>();
            for (UriMatchVariable v : template.getVariables()) {
                if (!v.isQuery()) {
                    values.put(v.getName(), "x" + (values.size() + 1));
                }
            }
            return template.expand(values);
        }
    }

    /** Every URI route the router holds (GETs with their HEADs), once each, sorted by name. */
    public static List<Route> routes(ApplicationContext context) {
        Map<String, Route> routes = new TreeMap<>();
        context.getBean(Router.class)
                .uriRoutes()
                .map(AdminRouteAudit::route)
                .forEach(r -> routes.putIfAbsent(r.name(), r));
        return List.copyOf(routes.values());
    }

    private static Route route(UriRouteInfo<?, ?> info) {
        return new Route(
                info.getHttpMethodName(),
                info.getUriMatchTemplate(),
                info.getTargetMethod().getDeclaringType());
    }

    /**
     * The {@code @Controller} classes compiled into the module (class directory or jar) that holds
     * {@code anchor}, found by reflection, so a controller missing from the router is noticed.
     */
    public static Set<Class<?>> controllersOfModule(Class<?> anchor) {
        try {
            URI location =
                    anchor.getProtectionDomain().getCodeSource().getLocation().toURI();
            Path root = Path.of(location);
            if (Files.isDirectory(root)) {
                return controllersUnder(root, anchor.getClassLoader());
            }
            try (FileSystem jar = FileSystems.newFileSystem(root)) {
                return controllersUnder(jar.getPath("/"), anchor.getClassLoader());
            }
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<Class<?>> controllersUnder(Path root, ClassLoader loader) throws IOException {
        Set<Class<?>> controllers = new TreeSet<>(Comparator.comparing(Class::getName));
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(file).toString().replace('/', '.').replace(".class", "");
                if (name.contains("$")) {
                    continue; // Micronaut's generated definitions and nested classes
                }
                try {
                    Class<?> type = Class.forName(name, false, loader);
                    if (type.isAnnotationPresent(Controller.class)) {
                        controllers.add(type);
                    }
                } catch (ClassNotFoundException | LinkageError e) {
                    throw new IllegalStateException("could not load " + name, e);
                }
            }
        }
        return controllers;
    }

    /**
     * What is wrong with the routes, as seen through {@code caller}: an admin route that answers other than
     * 401 {@code invalid_api_key} without a key or 403 {@code permission_error} to {@code virtualKey}; an
     * {@link Open#ANY_KEY} route that answers other than 401 without a key. (A HEAD has no body: its status
     * is checked.) Empty when every route is gated as it should be.
     */
    public static List<String> problems(List<Route> routes, RouteCaller caller, String virtualKey) {
        List<String> problems = new ArrayList<>();
        for (Route route : routes) {
            Open open = route.open();
            if (open == Open.PUBLIC) {
                continue;
            }
            String path = route.samplePath();
            RouteCaller.Answer none = caller.call(route.method(), path, null);
            if (!refused(route, none, 401, "invalid_api_key")) {
                problems.add(route.name() + " without a key: " + none.status() + " " + none.body());
            }
            if (open == null) {
                RouteCaller.Answer virtual = caller.call(route.method(), path, virtualKey);
                if (!refused(route, virtual, 403, "permission_error")) {
                    problems.add(route.name() + " with a virtual key: " + virtual.status() + " " + virtual.body());
                }
            }
        }
        return problems;
    }

    private static boolean refused(Route route, RouteCaller.Answer answer, int status, String error) {
        return answer.status() == status
                && (route.method().equals("HEAD") || answer.body().contains("\"" + error + "\""));
    }

    /** Allow-list entries that name no route of {@code routes}: an entry outliving its route is removed. */
    public static Set<String> staleEntries(List<Route> routes) {
        Set<String> stale = new TreeSet<>(OPEN.keySet());
        routes.forEach(r -> stale.remove(r.name()));
        return stale;
    }
}
