package dev.tollgate.gateway.identity;

import dev.tollgate.gateway.identity.IdentityConflictException.Reason;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@link IdentityStore} in memory, with the semantics of {@link DynamoDbIdentityStore}: unique
 * aliases, compare-and-set writes, all-or-nothing batches, regeneration pointers. For unit tests.
 */
public final class InMemoryIdentityStore implements IdentityStore {
    private State state = new State();

    @Override
    public synchronized Optional<KeyRecord> key(String keyHash) {
        return state.key(keyHash);
    }

    @Override
    public synchronized Optional<KeyRecord> keyByAlias(String alias) {
        return Optional.ofNullable(state.aliases.get(alias)).flatMap(state::key);
    }

    @Override
    public synchronized KeyPage keys(KeyQuery query, int page, int size) {
        List<KeyRecord> matching = state.keys.values().stream()
                .filter(k -> query.userId() == null || query.userId().equals(k.userId()))
                .filter(k -> query.teamId() == null || query.teamId().equals(k.teamId()))
                .sorted(Comparator.comparing((KeyRecord k) -> IdentityItems.sortKey(k))
                        .reversed())
                .toList();
        int from = Math.min(matching.size(), Math.max(0, (page - 1) * size));
        return new KeyPage(matching.subList(from, Math.min(matching.size(), from + size)), matching.size());
    }

    @Override
    public synchronized Optional<UserRecord> user(String userId) {
        return Optional.ofNullable((UserRecord) state.others.get(UserRecord.class.getSimpleName() + "#" + userId));
    }

    @Override
    public synchronized Optional<TeamRecord> team(String teamId) {
        return Optional.ofNullable((TeamRecord) state.others.get(TeamRecord.class.getSimpleName() + "#" + teamId));
    }

    @Override
    public synchronized Optional<EndUserRecord> endUser(String endUserId) {
        return Optional.ofNullable(
                (EndUserRecord) state.others.get(EndUserRecord.class.getSimpleName() + "#" + endUserId));
    }

    @Override
    public synchronized Optional<TagRecord> tag(String name) {
        return Optional.ofNullable((TagRecord) state.others.get(TagRecord.class.getSimpleName() + "#" + name));
    }

    @Override
    public synchronized List<TagRecord> tags() {
        List<TagRecord> tags = new ArrayList<>();
        state.others.values().stream()
                .filter(TagRecord.class::isInstance)
                .map(TagRecord.class::cast)
                .forEach(tags::add);
        return tags;
    }

    @Override
    public synchronized List<TeamRecord> teams() {
        return sorted(TeamRecord.class);
    }

    @Override
    public synchronized List<UserRecord> users() {
        return sorted(UserRecord.class);
    }

    private <T extends Identity> List<T> sorted(Class<T> type) {
        return state.others.values().stream()
                .filter(type::isInstance)
                .map(type::cast)
                .sorted(java.util.Comparator.comparing(Identity::id))
                .toList();
    }

    @Override
    public synchronized void apply(List<Change> changes) {
        State next = state.copy();
        for (Change change : changes) {
            next.apply(change);
        }
        state = next;
    }

    /** Everything, copied before a batch so that a refused batch leaves no trace. */
    private static final class State {
        final Map<String, KeyRecord> keys = new HashMap<>();
        final Map<String, String> redirects = new HashMap<>();
        final Map<String, String> aliases = new HashMap<>();
        final Map<String, Identity> others = new TreeMap<>();

        State copy() {
            State copy = new State();
            copy.keys.putAll(keys);
            copy.redirects.putAll(redirects);
            copy.aliases.putAll(aliases);
            copy.others.putAll(others);
            return copy;
        }

        Optional<KeyRecord> key(String hash) {
            KeyRecord key = keys.get(hash);
            if (key != null) {
                return Optional.of(key);
            }
            String replacedBy = redirects.get(hash);
            return Optional.ofNullable(replacedBy == null ? null : keys.get(replacedBy))
                    .filter(k -> hash.equals(k.previousKeyHash()));
        }

        void apply(Change change) {
            if (change.subject() instanceof KeyRecord) {
                applyKey(change);
                return;
            }
            switch (change) {
                case Change.Create c -> {
                    if (others.putIfAbsent(name(c.value()), c.value()) != null) {
                        throw new IdentityConflictException(change, Reason.EXISTS);
                    }
                }
                case Change.Replace r -> {
                    requireStored(change, r.current(), others.get(name(r.current())));
                    others.put(name(r.next()), r.next());
                }
                case Change.Delete d -> {
                    requireStored(change, d.current(), others.get(name(d.current())));
                    others.remove(name(d.current()));
                }
            }
        }

        private void applyKey(Change change) {
            switch (change) {
                case Change.Create c -> {
                    KeyRecord key = (KeyRecord) c.value();
                    if (keys.containsKey(key.keyHash()) || redirects.containsKey(key.keyHash())) {
                        throw new IdentityConflictException(change, Reason.EXISTS);
                    }
                    claimAlias(change, key);
                    keys.put(key.keyHash(), key);
                }
                case Change.Replace r -> {
                    KeyRecord current = (KeyRecord) r.current();
                    KeyRecord next = (KeyRecord) r.next();
                    requireStored(change, current, keys.get(current.keyHash()));
                    releaseAlias(current);
                    if (!next.keyHash().equals(current.keyHash())) {
                        if (keys.containsKey(next.keyHash()) || redirects.containsKey(next.keyHash())) {
                            throw new IdentityConflictException(change, Reason.EXISTS);
                        }
                        keys.remove(current.keyHash());
                        dropRedirect(current);
                        if (current.keyHash().equals(next.previousKeyHash()) && next.previousKeyExpires() != null) {
                            redirects.put(current.keyHash(), next.keyHash());
                        }
                    }
                    claimAlias(change, next);
                    keys.put(next.keyHash(), next);
                }
                case Change.Delete d -> {
                    KeyRecord current = (KeyRecord) d.current();
                    requireStored(change, current, keys.get(current.keyHash()));
                    keys.remove(current.keyHash());
                    releaseAlias(current);
                    dropRedirect(current);
                }
            }
        }

        private void claimAlias(Change change, KeyRecord key) {
            if (key.keyAlias() != null && aliases.putIfAbsent(key.keyAlias(), key.keyHash()) != null) {
                throw new IdentityConflictException(change, Reason.ALIAS_TAKEN);
            }
        }

        private void releaseAlias(KeyRecord key) {
            if (key.keyAlias() != null) {
                aliases.remove(key.keyAlias(), key.keyHash());
            }
        }

        private void dropRedirect(KeyRecord key) {
            if (key.previousKeyHash() != null) {
                redirects.remove(key.previousKeyHash());
            }
        }

        private static void requireStored(Change change, Identity expected, Identity stored) {
            if (!Objects.equals(expected, stored)) {
                throw new IdentityConflictException(change, Reason.CHANGED);
            }
        }

        private static String name(Identity value) {
            return value.getClass().getSimpleName() + "#" + value.id();
        }
    }
}
