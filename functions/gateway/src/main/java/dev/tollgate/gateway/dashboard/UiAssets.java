package dev.tollgate.gateway.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The dashboard's built files, read from the classpath ({@code tollgate-ui/}, packaged by the
 * {@code functions/ui} module) and kept in memory once read: a handful of files, about 100 KB.
 */
public final class UiAssets {
    static final String ROOT = "tollgate-ui/";
    /** Vite names assets {@code name-<hash>.ext}; nothing else (no paths, no dot-dot) is ever served. */
    private static final Pattern ASSET_NAME =
            Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*\\.(js|css|svg|woff2)");

    private final ClassLoader loader;
    private final Map<String, Optional<byte[]>> cache = new ConcurrentHashMap<>();

    public UiAssets() {
        this(UiAssets.class.getClassLoader());
    }

    UiAssets(ClassLoader loader) {
        this.loader = loader;
    }

    /** The page, or empty when the module was built without the dashboard. */
    public Optional<byte[]> index() {
        return read("index.html");
    }

    /** The page as served at {@code …/ui} (no slash): its relative asset names made to point below {@code ui/}. */
    public Optional<byte[]> indexOutsideUi() {
        return index().map(page -> new String(page, StandardCharsets.UTF_8)
                .replace("\"./assets/", "\"./ui/assets/")
                .getBytes(StandardCharsets.UTF_8));
    }

    /** A hashed asset under {@code assets/}, or empty for an unknown or malformed name. */
    public Optional<byte[]> asset(String name) {
        if (name == null || !ASSET_NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        return read("assets/" + name);
    }

    /** The content type of an asset name. */
    public static String contentType(String name) {
        if (name.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        }
        if (name.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        if (name.endsWith(".svg")) {
            return "image/svg+xml";
        }
        return "application/octet-stream";
    }

    private Optional<byte[]> read(String path) {
        return cache.computeIfAbsent(path, p -> {
            try (InputStream in = loader.getResourceAsStream(ROOT + p)) {
                return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
