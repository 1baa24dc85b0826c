package dev.tollgate.gateway.identity;

import java.util.List;
import java.util.Optional;

/**
 * Where keys, users, teams, end users and tags live. {@link DynamoDbIdentityStore} is the
 * implementation (one item each in the single table, docs/architecture.md §3); {@link InMemoryIdentityStore}
 * has the same semantics for unit tests. Reads are strongly consistent: a key works as soon as the
 * generate call returned.
 */
public interface IdentityStore {

    /**
     * The key whose current secret hashes to {@code keyHash}, or whose previous secret does while
     * a regeneration pointer exists (check {@link KeyRecord#inGrace} before accepting it).
     */
    Optional<KeyRecord> key(String keyHash);

    /** The key with this alias. */
    Optional<KeyRecord> keyByAlias(String alias);

    /** One page of keys, newest first, filtered by owner. */
    KeyPage keys(KeyQuery query, int page, int size);

    /** A user. */
    Optional<UserRecord> user(String userId);

    /** A team. */
    Optional<TeamRecord> team(String teamId);

    /** An end user ("customer"). */
    Optional<EndUserRecord> endUser(String endUserId);

    /** A tag. */
    Optional<TagRecord> tag(String name);

    /** Every tag with a record, by name. */
    List<TagRecord> tags();

    /**
     * Every team, by id: for {@code /team/list}, which pages and searches them. Reads one index
     * partition, not the table; the list may lag a write by the index's propagation (well under a second).
     */
    List<TeamRecord> teams();

    /** Every user, by id: for {@code /user/list}; as {@link #teams()}. */
    List<UserRecord> users();

    /**
     * Writes every change or none.
     *
     * @throws IdentityConflictException naming the first change refused; nothing was written
     */
    void apply(List<Change> changes);

    /** {@link #apply(List)} for a few changes. */
    default void apply(Change... changes) {
        apply(List.of(changes));
    }

    /**
     * Which keys to list; null fields do not filter.
     *
     * @param userId only this user's keys
     * @param teamId only this team's keys
     */
    record KeyQuery(String userId, String teamId) {
        /** Every key. */
        public static final KeyQuery ALL = new KeyQuery(null, null);
    }

    /**
     * A page of keys.
     *
     * @param keys       the page, newest first
     * @param totalCount keys matching the query
     */
    record KeyPage(List<KeyRecord> keys, int totalCount) {
        public KeyPage {
            keys = List.copyOf(keys);
        }
    }
}
