package dev.tollgate.gateway.cache;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.errors.GatewayException;

/**
 * A request's own cache instructions, in LiteLLM's form: {@code "cache": {"no-cache": true}} (do not answer from
 * the cache; the fresh answer is still stored), {@code {"no-store": true}} (do not store this answer),
 * {@code {"ttl": 600}} (store it for 600 s), {@code {"s-maxage": 600}} (accept only an answer stored in the
 * last 600 s).
 *
 * @param noCache skip the lookup
 * @param noStore skip the store
 * @param ttl     seconds to keep this answer, or null for the configured default
 * @param sMaxAge the oldest acceptable answer in seconds, or null for any unexpired one
 */
public record CacheControl(boolean noCache, boolean noStore, Integer ttl, Integer sMaxAge) {
    public static final CacheControl NONE = new CacheControl(false, false, null, null);

    public static CacheControl of(JsonNode request) {
        JsonNode cache = request.get("cache");
        if (cache == null || cache.isNull()) {
            return NONE;
        }
        if (!cache.isObject()) {
            throw GatewayException.invalidRequest(
                    "'cache' must be an object such as {\"no-cache\": true} or {\"ttl\": 600}", "cache");
        }
        return new CacheControl(
                flag(cache, "no-cache"), flag(cache, "no-store"), seconds(cache, "ttl"), seconds(cache, "s-maxage"));
    }

    private static boolean flag(JsonNode cache, String name) {
        JsonNode value = cache.get(name);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw GatewayException.invalidRequest("'cache." + name + "' must be true or false", "cache." + name);
        }
        return value.asBoolean();
    }

    private static Integer seconds(JsonNode cache, String name) {
        JsonNode value = cache.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber() || value.asDouble() < 0 || value.asDouble() > 365 * 86_400) {
            throw GatewayException.invalidRequest(
                    "'cache." + name + "' must be a number of seconds (at most a year)", "cache." + name);
        }
        return value.asInt();
    }
}
