package dev.tollgate.gateway.config;

/** A problem in {@code tollgate.yml}, reported at start-up with what to fix. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
