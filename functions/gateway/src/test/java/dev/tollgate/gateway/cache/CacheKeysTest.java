package dev.tollgate.gateway.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** What the cache key covers (everything that changes the answer) and what it leaves out (delivery only). */
class CacheKeysTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASE = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
            + "\"temperature\":0,\"max_tokens\":50}";

    private static String key(String scope, String model, String body) throws Exception {
        return CacheKeys.of(scope, model, JSON.readTree(body));
    }

    @Test
    void fieldOrder_numberSpelling_streamAndAttribution_doNotChangeTheKey() throws Exception {
        String reordered =
                "{\"max_tokens\":50,\"temperature\":0.0,\"messages\":[{\"content\":\"hi\",\"role\":\"user\"}],"
                        + "\"model\":\"alias\",\"stream\":true,\"stream_options\":{\"include_usage\":true},\"user\":\"u\","
                        + "\"metadata\":{\"session_id\":\"s\"},\"cache\":{\"ttl\":60}}";

        assertEquals(key("team:a", "m", BASE), key("team:a", "m", reordered));
    }

    @Test
    void scope_servedModel_messages_tools_sampling_andFormat_allChangeTheKey() throws Exception {
        String base = key("team:a", "m", BASE);

        assertNotEquals(base, key("team:b", "m", BASE));
        assertNotEquals(base, key("team:a", "other", BASE));
        assertNotEquals(base, key("team:a", "m", BASE.replace("\"hi\"", "\"hello\"")));
        assertNotEquals(base, key("team:a", "m", BASE.replace("\"max_tokens\":50", "\"max_tokens\":51")));
        assertNotEquals(base, key("team:a", "m", BASE.replace("}", ",\"top_p\":0.5}")));
        assertNotEquals(base, key("team:a", "m", BASE.replace("}", ",\"seed\":1}")));
        assertNotEquals(
                base, key("team:a", "m", BASE.replace("}", ",\"response_format\":{\"type\":\"json_object\"}}")));
        assertNotEquals(
                base,
                key(
                        "team:a",
                        "m",
                        BASE.replace("}", ",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}]}")));
    }

    @Test
    void deterministic_isTemperatureZero_orASeedWithNoTemperature() throws Exception {
        assertTrue(ResponseCaching.deterministic(json("{\"temperature\":0}")));
        assertTrue(ResponseCaching.deterministic(json("{\"temperature\":0.0,\"seed\":3}")));
        assertTrue(ResponseCaching.deterministic(json("{\"seed\":3}")));
        assertFalse(ResponseCaching.deterministic(json("{}")));
        assertFalse(ResponseCaching.deterministic(json("{\"temperature\":0.7,\"seed\":3}")));
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }
}
