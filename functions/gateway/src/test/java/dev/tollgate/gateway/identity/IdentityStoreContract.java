package dev.tollgate.gateway.identity;

import static dev.tollgate.gateway.identity.TestRecords.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.gateway.identity.IdentityConflictException.Reason;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link IdentityStore} must do; run against the in-memory and the DynamoDB store. */
abstract class IdentityStoreContract {
    IdentityStore store;

    abstract IdentityStore newStore();

    @BeforeEach
    void fresh() {
        store = newStore();
    }

    @Test
    void createKey_thenFoundByHashAndAlias() {
        KeyRecord key = TestRecords.key("sk-one-0123456789abcdefghij", "{\"key_alias\":\"one\",\"max_budget\":12.50}");

        store.apply(new Change.Create(key));

        assertEquals(key, store.key(key.keyHash()).orElseThrow());
        assertEquals(key, store.keyByAlias("one").orElseThrow());
        assertEquals(0, store.key(key.keyHash()).orElseThrow().maxBudget().compareTo(new java.math.BigDecimal("12.5")));
    }

    @Test
    void createKey_whenHashExists_refusesWithExists() {
        KeyRecord key = TestRecords.key("sk-dup-0123456789abcdefghij", "{}");
        store.apply(new Change.Create(key));

        IdentityConflictException e =
                assertThrows(IdentityConflictException.class, () -> store.apply(new Change.Create(key)));

        assertEquals(Reason.EXISTS, e.reason());
    }

    @Test
    void createKey_whenAliasTaken_refusesAndWritesNothing() {
        store.apply(new Change.Create(TestRecords.key("sk-a-0123456789abcdefghij", "{\"key_alias\":\"shared\"}")));
        KeyRecord second = TestRecords.key("sk-b-0123456789abcdefghij", "{\"key_alias\":\"shared\"}");

        IdentityConflictException e =
                assertThrows(IdentityConflictException.class, () -> store.apply(new Change.Create(second)));

        assertEquals(Reason.ALIAS_TAKEN, e.reason());
        assertTrue(store.key(second.keyHash()).isEmpty());
    }

    @Test
    void replace_whenStoredRecordChanged_refusesWithChanged() {
        UserRecord user = TestRecords.user("ann", "{\"max_budget\":5}");
        store.apply(new Change.Create(user));
        store.apply(new Change.Replace(user, TestRecords.with(user, "{\"max_budget\":6}")));

        IdentityConflictException e = assertThrows(
                IdentityConflictException.class,
                () -> store.apply(new Change.Replace(user, TestRecords.with(user, "{\"max_budget\":7}"))));

        assertEquals(Reason.CHANGED, e.reason());
        assertEquals(0, store.user("ann").orElseThrow().maxBudget().compareTo(new java.math.BigDecimal("6")));
    }

    @Test
    void replace_ofRecordWithDecimalMetadata_succeedsAfterReadBack() {
        UserRecord user = TestRecords.user("meta", "{\"metadata\":{\"ratio\":1.0E10,\"n\":3}}");
        store.apply(new Change.Create(user));
        UserRecord read = store.user("meta").orElseThrow();

        store.apply(new Change.Replace(read, TestRecords.with(read, "{\"blocked\":true}")));

        assertTrue(store.user("meta").orElseThrow().blocked());
    }

    @Test
    void batch_whenSecondChangeFails_writesNothing() {
        store.apply(new Change.Create(TestRecords.team("t1", "{}")));
        UserRecord user = TestRecords.user("bob", "{}");

        assertThrows(
                IdentityConflictException.class,
                () -> store.apply(new Change.Create(user), new Change.Create(TestRecords.team("t1", "{}"))));

        assertTrue(store.user("bob").isEmpty());
    }

    @Test
    void keyAliasChange_releasesOldAliasAndClaimsNew() {
        KeyRecord key = TestRecords.key("sk-alias-0123456789abcdefghij", "{\"key_alias\":\"old\"}");
        store.apply(new Change.Create(key));

        store.apply(new Change.Replace(key, TestRecords.with(key, "{\"key_alias\":\"new\"}")));

        assertTrue(store.keyByAlias("old").isEmpty());
        assertEquals(key.keyHash(), store.keyByAlias("new").orElseThrow().keyHash());
        store.apply(new Change.Create(TestRecords.key("sk-other-0123456789abcdefghij", "{\"key_alias\":\"old\"}")));
    }

    @Test
    void regenerate_withGrace_oldHashFindsNewRecord_andAliasMoves() {
        KeyRecord key = TestRecords.key("sk-rot-old-0123456789abcdefghij", "{\"key_alias\":\"rot\"}");
        store.apply(new Change.Create(key));
        KeyRecord next = regenerated(key, "sk-rot-new-0123456789abcdefghij", true);

        store.apply(new Change.Replace(key, next));

        assertEquals(next, store.key(key.keyHash()).orElseThrow());
        assertEquals(next, store.key(next.keyHash()).orElseThrow());
        assertEquals(next.keyHash(), store.keyByAlias("rot").orElseThrow().keyHash());
        assertEquals(key.keyId(), next.keyId());
    }

    @Test
    void regenerate_withoutGrace_oldHashFindsNothing() {
        KeyRecord key = TestRecords.key("sk-now-old-0123456789abcdefghij", "{}");
        store.apply(new Change.Create(key));

        store.apply(new Change.Replace(key, regenerated(key, "sk-now-new-0123456789abcdefghij", false)));

        assertTrue(store.key(key.keyHash()).isEmpty());
    }

    @Test
    void regenerateTwice_endsTheFirstGrace() {
        KeyRecord first = TestRecords.key("sk-gen-1-0123456789abcdefghij", "{}");
        store.apply(new Change.Create(first));
        KeyRecord second = regenerated(first, "sk-gen-2-0123456789abcdefghij", true);
        store.apply(new Change.Replace(first, second));

        KeyRecord third = regenerated(second, "sk-gen-3-0123456789abcdefghij", true);
        store.apply(new Change.Replace(second, third));

        assertTrue(store.key(first.keyHash()).isEmpty());
        assertEquals(third, store.key(second.keyHash()).orElseThrow());
    }

    @Test
    void deleteKey_removesAliasAndGracePointer() {
        KeyRecord key = TestRecords.key("sk-del-old-0123456789abcdefghij", "{\"key_alias\":\"gone\"}");
        store.apply(new Change.Create(key));
        KeyRecord next = regenerated(key, "sk-del-new-0123456789abcdefghij", true);
        store.apply(new Change.Replace(key, next));

        store.apply(new Change.Delete(next));

        assertTrue(store.key(next.keyHash()).isEmpty());
        assertTrue(store.key(key.keyHash()).isEmpty());
        assertTrue(store.keyByAlias("gone").isEmpty());
    }

    @Test
    void keys_pagesNewestFirst_andFiltersByOwner() {
        for (int i = 0; i < 5; i++) {
            String owner = i % 2 == 0 ? "\"user_id\":\"u1\"" : "\"team_id\":\"t1\"";
            store.apply(new Change.Create(TestRecords.key(
                    "sk-list-" + i + "-0123456789abcdefghij",
                    T0.plusSeconds(i),
                    "{" + owner + ",\"key_alias\":\"k" + i + "\"}")));
        }

        IdentityStore.KeyPage page2 = store.keys(IdentityStore.KeyQuery.ALL, 2, 2);
        IdentityStore.KeyPage byUser = store.keys(new IdentityStore.KeyQuery("u1", null), 1, 10);
        IdentityStore.KeyPage byTeam = store.keys(new IdentityStore.KeyQuery(null, "t1"), 1, 10);

        assertEquals(5, page2.totalCount());
        assertEquals(
                List.of("k2", "k1"),
                page2.keys().stream().map(KeyRecord::keyAlias).toList());
        assertEquals(
                List.of("k4", "k2", "k0"),
                byUser.keys().stream().map(KeyRecord::keyAlias).toList());
        assertEquals(2, byTeam.totalCount());
    }

    @Test
    void tags_listsEveryTagByName() {
        store.apply(
                new Change.Create(TestRecords.tag("prod", "{\"max_budget\":100}")),
                new Change.Create(TestRecords.tag("dev", "{}")));

        assertEquals(
                List.of("dev", "prod"),
                store.tags().stream().map(TagRecord::name).toList());
        assertEquals(0, store.tag("prod").orElseThrow().maxBudget().compareTo(java.math.BigDecimal.valueOf(100)));
    }

    @Test
    void teamsAndUsers_areListedById_eachKindApart_andADeletedOneLeaves() {
        TeamRecord beta = TestRecords.team("beta", "{}");
        store.apply(
                new Change.Create(beta),
                new Change.Create(TestRecords.team("alpha", "{\"team_alias\":\"A\"}")),
                new Change.Create(TestRecords.user("zoe", "{}")),
                new Change.Create(TestRecords.user("ann", "{}")),
                new Change.Create(TestRecords.endUser("cust-1", "{}")),
                new Change.Create(TestRecords.tag("prod", "{}")));

        assertEquals(
                List.of("alpha", "beta"),
                store.teams().stream().map(TeamRecord::teamId).toList());
        assertEquals(
                List.of("ann", "zoe"),
                store.users().stream().map(UserRecord::userId).toList());
        assertEquals("A", store.teams().get(0).teamAlias());

        store.apply(new Change.Delete(beta));

        assertEquals(
                List.of("alpha"), store.teams().stream().map(TeamRecord::teamId).toList());
    }

    @Test
    void endUsers_createReplaceDelete() {
        EndUserRecord endUser = TestRecords.endUser("cust-1", "{\"alias\":\"Acme\"}");
        store.apply(new Change.Create(endUser));
        EndUserRecord blocked = TestRecords.with(endUser, "{\"blocked\":true}");

        store.apply(new Change.Replace(endUser, blocked));

        assertTrue(store.endUser("cust-1").orElseThrow().blocked());
        store.apply(new Change.Delete(blocked));
        assertTrue(store.endUser("cust-1").isEmpty());
    }

    static KeyRecord regenerated(KeyRecord key, String secret, boolean grace) {
        return TestRecords.with(
                key,
                "{\"key_hash\":\"" + ApiKeys.sha256Hex(secret) + "\",\"previous_key_hash\":"
                        + (grace ? "\"" + key.keyHash() + "\"" : "null") + ",\"previous_key_expires\":"
                        + (grace ? "\"" + T0.plusSeconds(3600) + "\"" : "null") + "}");
    }
}
