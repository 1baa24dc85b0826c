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
