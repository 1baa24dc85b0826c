package dev.tollgate.gateway.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.gateway.errors.GatewayException;
import dev.tollgate.gateway.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SessionTokensTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T10:00:00Z"));
    private final SessionTokens sessions = new SessionTokens("sk-master-one", Duration.ofMinutes(30), clock);

    @Test
    void verify_ofAnIssuedToken_namesTheKeyByItsHash_andWhetherItIsTheMasterKey() {
        SessionTokens.Session issued = sessions.issue("ab12", false);

        SessionTokens.Session verified = sessions.verify(issued.token());

        assertEquals("ab12", verified.keyHash());
        assertFalse(verified.admin());
        assertEquals(Instant.parse("2026-12-05T10:30:00Z"), verified.expiresAt());
        assertTrue(SessionTokens.isSession(issued.token()));
    }

    @Test
    void verify_afterExpiry_refusesWithSignInAgain() {
        String token = sessions.issue("ab12", true).token();
        clock.advance(Duration.ofMinutes(30));

        GatewayException refused = assertThrows(GatewayException.class, () -> sessions.verify(token));

        assertEquals(401, refused.status());
        assertTrue(refused.getMessage().contains("expired"));
    }

    @Test
    void verify_whenThePayloadIsChanged_refuses() {
        // GIVEN a virtual key's session WHEN someone swaps in the master key's role ("a") THEN the signature fails
        String token = sessions.issue("ab12", false).token();
        String body = token.substring(SessionTokens.PREFIX.length(), token.lastIndexOf('.'));
        String decoded = new String(java.util.Base64.getUrlDecoder().decode(body));
        String forged = java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("a" + decoded.substring(1)).getBytes());

        assertThrows(GatewayException.class, () -> sessions.verify(token.replace(body, forged)));
    }

    @Test
    void verify_ofATokenSignedUnderAnotherMasterKey_refuses_soRotatingTheMasterKeyEndsEverySession() {
        String token = new SessionTokens("sk-master-two", Duration.ofMinutes(30), clock)
                .issue("ab12", true)
                .token();

        assertThrows(GatewayException.class, () -> sessions.verify(token));
    }

    @Test
    void withoutAMasterKey_noSessionIsIssued() {
        SessionTokens none = new SessionTokens("", Duration.ofMinutes(30), clock);

        assertEquals(
                401,
                assertThrows(GatewayException.class, () -> none.issue("ab12", true))
                        .status());
    }
}
