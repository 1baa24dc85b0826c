package dev.tollgate.gateway.identity;

import java.util.Objects;

/**
 * One write in an {@link IdentityStore#apply} batch. Every change is conditional: a create fails if
 * the record exists, a replace or delete fails unless the stored record still equals
 * {@code current} (compare-and-set, so two admins never silently overwrite each other).
 */
public sealed interface Change {

    /** Stores a new record. A key's alias is claimed at the same time (aliases are unique). */
    record Create(Identity value) implements Change {
        public Create {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * Replaces {@code current} by {@code next} (same type). For keys, a {@code next} with another
     * {@link KeyRecord#keyHash()} is a regeneration: the old hash keeps pointing to the record until
     * {@code next.previousKeyExpires()}, and any earlier grace ends.
     */
    record Replace(Identity current, Identity next) implements Change {
        public Replace {
            Objects.requireNonNull(current, "current");
            Objects.requireNonNull(next, "next");
            if (current.getClass() != next.getClass()) {
                throw new IllegalArgumentException("a replace keeps the record type");
            }
            if (!(current instanceof KeyRecord) && !current.id().equals(next.id())) {
                throw new IllegalArgumentException("only a key may change its id (regeneration)");
            }
        }
    }

    /** Deletes {@code current} (for keys, with its alias and any grace-period pointer). */
    record Delete(Identity current) implements Change {
        public Delete {
            Objects.requireNonNull(current, "current");
        }
    }

    /** The record this change writes or removes. */
    default Identity subject() {
        return switch (this) {
            case Create c -> c.value();
            case Replace r -> r.next();
            case Delete d -> d.current();
        };
    }
}
