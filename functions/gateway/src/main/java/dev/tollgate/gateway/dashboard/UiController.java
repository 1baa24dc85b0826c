package dev.tollgate.gateway.dashboard;

import dev.tollgate.gateway.errors.GatewayException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;

/**
 * Serves the dashboard (docs/dashboard.md): {@code /ui/} is the page (never cached, strict CSP),
 * {@code /ui/assets/<name>-<hash>.js|css} the content-hashed files (cached for a year, immutable).
 * The page names its assets relatively ({@code ./assets/…}), so it works under API Gateway's stage
 * prefix; at {@code /ui} (no slash) those names would resolve beside {@code ui}, so that copy names
 * them {@code ./ui/assets/…} instead of redirecting (no redirect whose loop would depend on how a
 * proxy in front treats the trailing slash).
 */
@Controller("/ui")
public class UiController {
    /**
     * Only the page's own scripts and styles; no inline script, no eval, nothing from another origin;
     * the page may not be framed. Chart.js draws on canvas (inline style attributes set from script are
     * CSSOM, which style-src does not govern).
     */
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final UiAssets assets;

    public UiController() {
        this(new UiAssets());
    }

    UiController(UiAssets assets) {
        this.assets = assets;
    }

    @Get
    @Produces({MediaType.TEXT_HTML, MediaType.ALL})
    public HttpResponse<?> page(HttpRequest<?> request) {
        byte[] page = (request.getPath().endsWith("/") ? assets.index() : assets.indexOutsideUi())
                .orElseThrow(
                        () -> GatewayException.notFound("This build has no dashboard (functions/ui was not built)."));
        return secured(HttpResponse.ok(page))
                .contentType("text/html; charset=utf-8")
                .header("Cache-Control", "no-store");
    }

    @Get("/assets/{name}")
    @Produces(MediaType.ALL)
    public HttpResponse<?> asset(@PathVariable String name) {
        byte[] body = assets.asset(name).orElseThrow(() -> GatewayException.notFound("No dashboard asset " + name));
        return secured(HttpResponse.ok(body))
                .contentType(UiAssets.contentType(name))
                .header("Cache-Control", "public, max-age=31536000, immutable");
    }

    private static <T> MutableHttpResponse<T> secured(MutableHttpResponse<T> response) {
        return response.header("Content-Security-Policy", CSP)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Frame-Options", "DENY");
    }
}
