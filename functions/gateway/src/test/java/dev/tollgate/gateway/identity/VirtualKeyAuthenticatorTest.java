package dev.tollgate.gateway.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.gateway.errors.GatewayException;
import dev.tollgate.gateway.errors.StoreUnavailableException;
import dev.tollgate.gateway.testing.MutableClock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Master key and virtual keys against an in-memory store, with a clock the test moves. */
class VirtualKeyAuthenticatorTest {
    private static final String MASTER = "sk-master-for-tests";
    private static final String SECRET = "sk-virtual-0123456789abcdefghij";

    private final InMemoryIdentityStore store = new InMemoryIdentityStore();
    private final MutableClock clock = new MutableClock(TestRecords.T0);

    private VirtualKeyAuthenticator authenticator(long cacheSeconds) {
        return new VirtualKeyAuthenticator(store, MASTER, cacheSeconds, clock);
    }

    @Test
    void masterKey_isAdminWithNoRecords() {
        Principal p = authenticator(0).authenticate(MASTER);

        assertTrue(p.admin());
        assertEquals(ApiKeys.sha256Hex(MASTER), p.keyHash());
        assertNull(p.key());
    }

    @Test
    void virtualKey_carriesItsKeyUserAndTeam() {
        store.apply(
                new Change.Create(TestRecords.user("ann", "{}")),
                new Change.Create(TestRecords.team("ml", "{}")),
                new Change.Create(
                        TestRecords.key(SECRET, "{\"user_id\":\"ann\",\"team_id\":\"ml\",\"key_alias\":\"a\"}")));

        Principal p = authenticator(0).authenticate(SECRET);

        assertEquals(false, p.admin());
        assertEquals(ApiKeys.sha256Hex(SECRET), p.keyHash());
        assertEquals("a", p.alias());
        assertEquals("ann", p.user().userId());
        assertEquals("ml", p.team().teamId());
    }

    @Test
    void unknownKey_is401InvalidApiKey() {
        GatewayException e =
                assertThrows(GatewayException.class, () -> authenticator(0).authenticate("sk-nobody-at-all"));

        assertEquals(401, e.status());
        assertEquals("invalid_api_key", e.code());
    }

    @Test
    void blockedKey_is401KeyBlocked() {
        store.apply(new Change.Create(TestRecords.key(SECRET, "{\"blocked\":true}")));

        GatewayException e =
                assertThrows(GatewayException.class, () -> authenticator(0).authenticate(SECRET));

        assertEquals(401, e.status());
        assertEquals("key_blocked", e.code());
    }

    @Test
    void expiredKey_is401KeyExpired_fromTheExpiryInstantOn() {
        store.apply(
                new Change.Create(TestRecords.key(SECRET, "{\"expires\":\"" + TestRecords.T0.plusSeconds(60) + "\"}")));
        VirtualKeyAuthenticator auth = authenticator(5);
        auth.authenticate(SECRET);

        clock.set(TestRecords.T0.plusSeconds(60));
        GatewayException e = assertThrows(GatewayException.class, () -> auth.authenticate(SECRET));

        assertEquals("key_expired", e.code());
    }

    @Test
    void regeneratedKey_oldSecretWorksUntilGraceEnds_thenKeyRegenerated() {
        KeyRecord key = TestRecords.key(SECRET, "{}");
        store.apply(new Change.Create(key));
        String newSecret = "sk-virtual-new-0123456789abcdefghij";
        store.apply(new Change.Replace(key, IdentityStoreContract.regenerated(key, newSecret, true)));
        VirtualKeyAuthenticator auth = authenticator(5);

        Principal old = auth.authenticate(SECRET);
        clock.set(TestRecords.T0.plusSeconds(3600));
        GatewayException e = assertThrows(GatewayException.class, () -> auth.authenticate(SECRET));

        assertEquals(ApiKeys.sha256Hex(newSecret), old.keyHash());
        assertEquals("key_regenerated", e.code());
        assertEquals(ApiKeys.sha256Hex(newSecret), auth.authenticate(newSecret).keyHash());
    }

    @Test
    void blockedUserOrTeam_is403() {
        store.apply(
                new Change.Create(TestRecords.user("ann", "{\"blocked\":true}")),
                new Change.Create(TestRecords.team("ml", "{\"blocked\":true}")),
                new Change.Create(TestRecords.key(SECRET, "{\"user_id\":\"ann\"}")),
                new Change.Create(TestRecords.key("sk-team-key-0123456789abcdefghij", "{\"team_id\":\"ml\"}")));

        GatewayException user =
                assertThrows(GatewayException.class, () -> authenticator(0).authenticate(SECRET));
        GatewayException team = assertThrows(
                GatewayException.class, () -> authenticator(0).authenticate("sk-team-key-0123456789abcdefghij"));

        assertEquals(403, user.status());
        assertEquals("user_blocked", user.code());
        assertEquals("team_blocked", team.code());
    }

    @Test
    void cache_keepsAKeyWorkingUntilTheWindowEnds_orItIsInvalidated() {
        KeyRecord key = TestRecords.key(SECRET, "{}");
        store.apply(new Change.Create(key));
        VirtualKeyAuthenticator cached = authenticator(60);
        cached.authenticate(SECRET);

        store.apply(new Change.Replace(key, TestRecords.with(key, "{\"blocked\":true}")));

        cached.authenticate(SECRET); // still the cached record: documented staleness
        assertThrows(GatewayException.class, () -> authenticator(0).authenticate(SECRET));
        cached.invalidateAll();
        assertThrows(GatewayException.class, () -> cached.authenticate(SECRET));
    }

    @Test
    void cache_expiresAfterItsWindow() {
        KeyRecord key = TestRecords.key(SECRET, "{}");
        store.apply(new Change.Create(key));
        VirtualKeyAuthenticator cached = authenticator(1);
        cached.authenticate(SECRET);
        store.apply(new Change.Delete(key));

        clock.set(TestRecords.T0.plusMillis(1_100));

        GatewayException e = assertThrows(GatewayException.class, () -> cached.authenticate(SECRET));
        assertEquals("invalid_api_key", e.code());
    }

    @Test
    void unreachableStore_failsClosedWith503() {
        VirtualKeyAuthenticator auth = new VirtualKeyAuthenticator(new FailingStore(), MASTER, 0, clock);

        GatewayException e = assertThrows(GatewayException.class, () -> auth.authenticate(SECRET));

        assertEquals(503, e.status());
        assertEquals("storage_unavailable", e.code());
        assertEquals("1", e.headers().get("Retry-After"));
        assertTrue(auth.authenticate(MASTER).admin(), "the master key needs no store");
    }

    /** A store whose every read fails as the DynamoDB adapter does when DynamoDB cannot be reached. */
    private static final class FailingStore implements IdentityStore {
        @Override
        public Optional<KeyRecord> key(String keyHash) {
            throw new StoreUnavailableException("identity read", new IllegalStateException("connection refused"));
        }

        @Override
        public Optional<KeyRecord> keyByAlias(String alias) {
            throw new UnsupportedOperationException();
        }

        @Override
        public KeyPage keys(KeyQuery query, int page, int size) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<UserRecord> user(String userId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<TeamRecord> team(String teamId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<EndUserRecord> endUser(String endUserId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<TagRecord> tag(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<TeamRecord> teams() {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<UserRecord> users() {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<TagRecord> tags() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void apply(List<Change> changes) {
            throw new UnsupportedOperationException();
        }
    }
}
