package dev.tollgate.gateway.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Durations, key secrets and model access. */
class IdentityBasicsTest {

    @Test
    void durations_parseLiteLlmUnits() {
        assertEquals(Duration.ofSeconds(30), Durations.parse("30s"));
        assertEquals(Duration.ofMinutes(5), Durations.parse("5m"));
        assertEquals(Duration.ofHours(24), Durations.parse("24h"));
        assertEquals(Duration.ofDays(30), Durations.parse("30d"));
        assertEquals(Duration.ofDays(14), Durations.parse("2w"));
        assertEquals(Duration.ofDays(30), Durations.parse("1mo"));
        assertEquals(Duration.ZERO, Durations.parse("0s"));
    }

    @Test
    void durations_refuseOtherText() {
        for (String bad : new String[] {"", "30", "d", "-1d", "1.5h", "soon"}) {
            assertThrows(IllegalArgumentException.class, () -> Durations.parse(bad), bad);
        }
    }

    @Test
    void newKey_isSkAnd43UrlSafeChars_andNeverRepeats() {
        String a = KeySecrets.newKey();

        assertTrue(a.matches("sk-[A-Za-z0-9_-]{43}"), a);
        assertNotEquals(a, KeySecrets.newKey());
        assertEquals(a.substring(0, 8), KeySecrets.prefix(a));
        assertEquals("sk-", KeySecrets.prefix("sk-short-custom-key1"));
    }

    @Test
    void hashOf_takesA64HexHashInEitherCase_andHashesEverythingElse() {
        String key = "sk-custom-0123456789abcdef";
        String hash = ApiKeys.sha256Hex(key);

        assertEquals(hash, ApiKeys.hashOf(hash));
        assertEquals(
                hash, ApiKeys.hashOf(hash.toUpperCase(java.util.Locale.ROOT)), "a hash in upper case is that hash");
        assertEquals(hash, ApiKeys.hashOf(key), "an sk- key is hashed");
        String generated = KeySecrets.newKey();
        assertEquals(ApiKeys.sha256Hex(generated), ApiKeys.hashOf(generated));
        assertEquals(ApiKeys.sha256Hex("my-litellm-key"), ApiKeys.hashOf("my-litellm-key"), "any other key is hashed");
        String short63 = hash.substring(1);
        String long65 = hash + "a";
        assertEquals(ApiKeys.sha256Hex(short63), ApiKeys.hashOf(short63), "63 hex digits are not a hash");
        assertEquals(ApiKeys.sha256Hex(long65), ApiKeys.hashOf(long65), "65 hex digits are not a hash");
        String notHex = "g" + hash.substring(1);
        assertEquals(ApiKeys.sha256Hex(notHex), ApiKeys.hashOf(notHex));
        assertEquals(ApiKeys.sha256Hex(" " + hash), ApiKeys.hashOf(" " + hash), "taken as given: callers trim");
    }

    @Test
    void allowsModel_everyListThatAppliesMustAllowIt() {
        KeyRecord key = TestRecords.key("sk-models-0123456789abcdefghij", "{\"models\":[\"a\",\"b\"]}");
        TeamRecord team = TestRecords.team("t", "{\"models\":[\"b\",\"c\"]}");

        Principal p = new Principal(key.keyHash(), null, false, key, null, team);

        assertTrue(p.allowsModel("b"));
        assertFalse(p.allowsModel("a"));
        assertFalse(p.allowsModel("c"));
        assertTrue(new Principal("h", "master", true).allowsModel("anything"));
    }
}
