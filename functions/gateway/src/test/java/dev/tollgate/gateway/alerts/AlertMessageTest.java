package dev.tollgate.gateway.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every alert carries {@code alert_type}, {@code scope} and {@code scope_id}, which subscription filter policies
 * match on: one missing or blank is refused when the message is built, never sent without it; the other
 * attributes are optional, a blank one left out (SNS rejects empty values).
 */
class AlertMessageTest {

    private static Map<String, String> attributes(String type, String scope, String scopeId) {
        Map<String, String> attributes = new HashMap<>();
        attributes.put("alert_type", type);
        attributes.put("scope", scope);
        attributes.put("scope_id", scopeId);
        return attributes;
    }

    private static AlertMessage message(Map<String, String> attributes) {
        return new AlertMessage("a1", "sla_violation", "SLA violated", null, "text", "{}", attributes);
    }

    @Test
    void aMissingOrBlankFilterAttribute_isRefused_naming_it() {
        IllegalArgumentException noScopeId =
                assertThrows(IllegalArgumentException.class, () -> message(attributes("sla_violation", "sla", null)));
        assertTrue(noScopeId.getMessage().contains("'scope_id'"), noScopeId.getMessage());
        assertTrue(noScopeId.getMessage().contains("a1"), noScopeId.getMessage());
        IllegalArgumentException blankScope =
                assertThrows(IllegalArgumentException.class, () -> message(attributes("sla_violation", " ", "m")));
        assertTrue(blankScope.getMessage().contains("'scope'"), blankScope.getMessage());
        IllegalArgumentException noType =
                assertThrows(IllegalArgumentException.class, () -> message(attributes("", "sla", "m")));
        assertTrue(noType.getMessage().contains("'alert_type'"), noType.getMessage());
        Map<String, String> without = attributes("sla_violation", "sla", "m");
        without.remove("scope_id");
        assertThrows(IllegalArgumentException.class, () -> message(without));
    }

    @Test
    void otherBlankAttributes_areLeftOut() {
        Map<String, String> attributes = new LinkedHashMap<>(attributes("sla_violation", "sla", "gpt-4o"));
        attributes.put("provider", "");
        attributes.put("model", "gpt-4o");
        assertEquals(
                Map.of("alert_type", "sla_violation", "scope", "sla", "scope_id", "gpt-4o", "model", "gpt-4o"),
                message(attributes).attributes());
    }

    @Test
    void anSlaScopeId_isTheModel_orAStarWithout() {
        assertEquals("gpt-4o", AlertMessage.slaScopeId("gpt-4o"));
        assertEquals("*", AlertMessage.slaScopeId(null));
        assertEquals("*", AlertMessage.slaScopeId(" "));
    }
}
