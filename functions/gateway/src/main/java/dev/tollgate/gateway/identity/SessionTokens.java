package dev.tollgate.gateway.identity;

import dev.tollgate.gateway.errors.GatewayException;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The dashboard's signed sessions (docs/decisions.md, "Dashboard sessions"). {@code POST /auth/login}
 * exchanges a key for a token {@code tgs1.<payload>.<signature>}: the payload names the key by its
 * SHA-256 (never the key), whether it is the master key, and an expiry; the signature is HMAC-SHA256
 * under a secret <em>derived</em> from the master key, so nothing new is stored or configured and
 * rotating the master key ends every session. A session is only a short-lived stand-in for its key:
 * the key's record is read again on every request, so blocking, deleting or regenerating the key ends
 * its sessions too.
 *
 * <p>Guarantees: a token whose signature does not verify, whose expiry has passed or that was signed
 * under another master key is refused (401); signatures are compared in constant time.
 */
@Singleton
public class SessionTokens {
    /** Every session token starts with this; virtual keys start with {@code sk-}, so they never collide. */
    public static final String PREFIX = "tgs1.";

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] secret;
    private final Duration ttl;
    private final Clock clock;

    @Inject
    public SessionTokens(
            @Value("${tollgate.master-key:}") String masterKey,
            @Value("${tollgate.ui.session-minutes:30}") long sessionMinutes,
            @Nullable Clock clock) {
        this(masterKey, Duration.ofMinutes(sessionMinutes), clock == null ? Clock.systemUTC() : clock);
    }

    public SessionTokens(String masterKey, Duration ttl, Clock clock) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalStateException("tollgate.ui.session-minutes must be positive");
        }
        this.secret = masterKey == null || masterKey.isBlank()
                ? null
                : hmac(masterKey.getBytes(StandardCharsets.UTF_8), "tollgate-dashboard-session-v1");
        this.ttl = ttl;
        this.clock = clock;
    }

    /** Whether a presented credential is a session token rather than a key. */
    public static boolean isSession(String presented) {
        return presented != null && presented.startsWith(PREFIX);
    }

    /** A new session for the key with this SHA-256. */
    public Session issue(String keyHash, boolean admin) {
        requireSecret();
        Instant expires = clock.instant().plus(ttl).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        String payload =
                (admin ? "a" : "k") + "|" + keyHash + "|" + expires.getEpochSecond() + "|" + B64.encodeToString(nonce);
        String body = B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return new Session(PREFIX + body + "." + B64.encodeToString(sign(body)), keyHash, admin, expires);
    }

    /** The session a token stands for, or a 401 saying to sign in again. */
    public Session verify(String token) {
        requireSecret();
        int dot = token.lastIndexOf('.');
        if (!isSession(token) || dot <= PREFIX.length()) {
            throw invalid();
        }
        String body = token.substring(PREFIX.length(), dot);
        byte[] given;
        try {
            given = B64D.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (!MessageDigest.isEqual(sign(body), given)) {
            throw invalid();
        }
        String[] parts = new String(B64D.decode(body), StandardCharsets.UTF_8).split("\\|");
        if (parts.length != 4) {
            throw invalid();
        }
        Instant expires = Instant.ofEpochSecond(Long.parseLong(parts[2]));
        if (!clock.instant().isBefore(expires)) {
            throw GatewayException.unauthorized("Your dashboard session has expired; sign in again.");
        }
        return new Session(token, parts[1], "a".equals(parts[0]), expires);
    }

    private void requireSecret() {
        if (secret == null) {
            throw GatewayException.unauthorized("Dashboard sign-in needs the gateway's master key to be configured.");
        }
    }

    private byte[] sign(String body) {
        return hmac(secret, body);
    }

    private static GatewayException invalid() {
        return GatewayException.unauthorized("Invalid dashboard session; sign in again.");
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    /**
     * A verified or newly issued session.
     *
     * @param token   the bearer token (only ever held in the browser tab's memory)
     * @param keyHash SHA-256 of the key it stands for
     * @param admin   whether that key is the master key
     */
    public record Session(String token, String keyHash, boolean admin, Instant expiresAt) {}
}
