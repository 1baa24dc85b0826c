package dev.tollgate.gateway.admin;

import dev.tollgate.gateway.errors.GatewayException;
import dev.tollgate.gateway.identity.Change;
import dev.tollgate.gateway.identity.EndUserRecord;
import dev.tollgate.gateway.identity.Identity;
import dev.tollgate.gateway.identity.IdentityConflictException;
import dev.tollgate.gateway.identity.IdentityStore;
import dev.tollgate.gateway.identity.KeyRecord;
import dev.tollgate.gateway.identity.TagRecord;
import dev.tollgate.gateway.identity.TeamRecord;
import dev.tollgate.gateway.identity.VirtualKeyAuthenticator;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * How admin services write: a read-modify-write is retried when another admin changed a record in
 * between (the store's compare-and-set refused it), conflicts become 409 errors naming the field,
 * and this instance's key cache is cleared after every write so its own changes apply at once.
 */
@Singleton
@Requires(beans = IdentityStore.class)
class AdminWrites {
    private static final int ATTEMPTS = 3;
    private static final int KEYS_PER_BATCH = 25;

    private final IdentityStore store;
    private final BeanProvider<VirtualKeyAuthenticator> authenticator;
    private final Clock clock;

    AdminWrites(IdentityStore store, BeanProvider<VirtualKeyAuthenticator> authenticator, @Nullable Clock clock) {
        this.store = store;
        this.authenticator = authenticator;
        this.clock = clock == null ? Clock.systemUTC() : clock;
    }

    IdentityStore store() {
        return store;
    }

    Instant now() {
        return clock.instant();
    }

    /** Runs {@code body} (reads, then {@link #apply}), again if a record changed under it. */
    <T> T retrying(Supplier<T> body) {
        for (int attempt = 1; ; attempt++) {
            try {
                return body.get();
            } catch (IdentityConflictException e) {
                if (e.reason() != IdentityConflictException.Reason.CHANGED || attempt >= ATTEMPTS) {
                    throw conflict(e);
                }
            }
        }
    }

    /** Writes the changes, all or none; a conflict propagates for {@link #retrying} to handle. */
    void apply(List<Change> changes) {
        store.apply(changes);
        authenticator.ifPresent(VirtualKeyAuthenticator::invalidateAll);
    }

    void apply(Change... changes) {
        apply(List.of(changes));
    }

    /**
     * Deletes keys in batches small enough for one transaction each (a key delete writes up to three
     * items: the key, its alias and a regeneration pointer), each batch re-read if a key changed
     * meanwhile. Keys already gone are skipped.
     */
    void deleteKeys(List<KeyRecord> keys) {
        for (int from = 0; from < keys.size(); from += KEYS_PER_BATCH) {
            List<KeyRecord> batch = keys.subList(from, Math.min(keys.size(), from + KEYS_PER_BATCH));
            retrying(() -> {
                List<Change> deletes = batch.stream()
                        .flatMap(k ->
                                store.key(k.keyHash()).filter(c -> c.keyHash().equals(k.keyHash())).stream())
                        .<Change>map(Change.Delete::new)
                        .toList();
                apply(deletes);
                return deletes.size();
            });
        }
    }

    private static GatewayException conflict(IdentityConflictException e) {
        Identity subject = e.change().subject();
        String kind = kind(subject);
        return switch (e.reason()) {
            case EXISTS ->
                new GatewayException(
                        409,
                        "invalid_request_error",
                        kind + " '" + shown(subject) + "' already exists",
                        idField(subject),
                        "already_exists");
            case ALIAS_TAKEN ->
                new GatewayException(
                        409,
                        "invalid_request_error",
                        "key_alias '" + ((KeyRecord) subject).keyAlias() + "' is already used by another key",
                        "key_alias",
                        "already_exists");
            case CHANGED ->
                new GatewayException(
                        409,
                        "invalid_request_error",
                        kind + " '" + shown(subject)
                                + "' was changed or deleted by another request; read it again and retry",
                        idField(subject),
                        "conflict");
        };
    }

    private static String kind(Identity subject) {
        return switch (subject) {
            case KeyRecord k -> "key";
            case TeamRecord t -> "team";
            case EndUserRecord e -> "customer";
            case TagRecord t -> "tag";
            default -> "user";
        };
    }

    private static String idField(Identity subject) {
        return switch (subject) {
            case KeyRecord k -> "key";
            case TeamRecord t -> "team_id";
            case TagRecord t -> "name";
            default -> "user_id";
        };
    }

    private static String shown(Identity subject) {
        return subject instanceof KeyRecord k
                ? (k.keyAlias() != null ? k.keyAlias() : k.keyPrefix() + "…")
                : subject.id();
    }
}
