package dev.tollgate.gateway.identity;

import static dev.tollgate.gateway.identity.IdentityItems.RECORD;
import static dev.tollgate.gateway.identity.IdentityItems.s;

import dev.tollgate.gateway.identity.IdentityConflictException.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Turns {@link Change}s into the conditional items of one {@code TransactWriteItems}, each with the
 * reason to report if its condition fails. The conditions are the store's only concurrency control:
 * create = {@code attribute_not_exists(pk)}; replace and delete = the stored JSON still equals
 * what the caller read ({@code #record = :expected}), so a concurrent admin change is never lost.
 */
final class IdentityWrites {
    static final String NOT_EXISTS = "attribute_not_exists(pk)";
    static final String UNCHANGED = "#record = :expected";
    /** An alias item may go if it is already gone or still names this key. */
    static final String ALIAS_OWNED = "attribute_not_exists(pk) OR key_hash = :hash";
    /** A regeneration pointer is removed only if it is one (never a live key's item). */
    static final String IS_POINTER = "attribute_not_exists(#record)";

    /**
     * One transaction item and what its failed condition means.
     *
     * @param item   the write
     * @param change the change it belongs to
     * @param reason reported when its condition fails
     */
    record Write(TransactWriteItem item, Change change, Reason reason) {}

    private final String table;
    private final List<Write> writes = new ArrayList<>();

    private IdentityWrites(String table) {
        this.table = table;
    }

    static List<Write> of(String table, List<Change> changes) {
        IdentityWrites w = new IdentityWrites(table);
        changes.forEach(w::add);
        return w.writes;
    }

    private void add(Change change) {
        if (change.subject() instanceof KeyRecord) {
            addKey(change);
            return;
        }
        switch (change) {
            case Change.Create c -> put(change, IdentityItems.item(c.value()), NOT_EXISTS, null, Reason.EXISTS);
            case Change.Replace r -> put(change, IdentityItems.item(r.next()), UNCHANGED, r.current(), Reason.CHANGED);
            case Change.Delete d ->
                delete(
                        change,
                        IdentityItems.key(d.current().getClass(), d.current().id()),
                        UNCHANGED,
                        d.current(),
                        Reason.CHANGED);
        }
    }

    private void addKey(Change change) {
        switch (change) {
            case Change.Create c -> {
                KeyRecord key = (KeyRecord) c.value();
                put(change, IdentityItems.item(key), NOT_EXISTS, null, Reason.EXISTS);
                if (key.keyAlias() != null) {
                    put(
                            change,
                            IdentityItems.alias(key.keyAlias(), key.keyHash()),
                            NOT_EXISTS,
                            null,
                            Reason.ALIAS_TAKEN);
                }
            }
            case Change.Replace r -> replaceKey(change, (KeyRecord) r.current(), (KeyRecord) r.next());
            case Change.Delete d -> {
                KeyRecord key = (KeyRecord) d.current();
                delete(change, IdentityItems.key(KeyRecord.class, key.keyHash()), UNCHANGED, key, Reason.CHANGED);
                releaseAlias(change, key.keyAlias(), key.keyHash());
                dropPointer(change, key);
            }
        }
    }

    private void replaceKey(Change change, KeyRecord current, KeyRecord next) {
        boolean rotated = !next.keyHash().equals(current.keyHash());
        if (!rotated) {
            put(change, IdentityItems.item(next), UNCHANGED, current, Reason.CHANGED);
        } else {
            put(change, IdentityItems.item(next), NOT_EXISTS, null, Reason.EXISTS);
            Map<String, AttributeValue> oldKey = IdentityItems.key(KeyRecord.class, current.keyHash());
            if (current.keyHash().equals(next.previousKeyHash()) && next.previousKeyExpires() != null) {
                put(change, IdentityItems.redirect(current.keyHash(), next), UNCHANGED, current, Reason.CHANGED);
            } else {
                delete(change, oldKey, UNCHANGED, current, Reason.CHANGED);
            }
            dropPointer(change, current);
        }
        String oldAlias = current.keyAlias();
        String newAlias = next.keyAlias();
        if (Objects.equals(oldAlias, newAlias)) {
            if (rotated && newAlias != null) {
                put(change, IdentityItems.alias(newAlias, next.keyHash()), ALIAS_OWNED, current, Reason.CHANGED);
            }
            return;
        }
        releaseAlias(change, oldAlias, current.keyHash());
        if (newAlias != null) {
            put(change, IdentityItems.alias(newAlias, next.keyHash()), NOT_EXISTS, null, Reason.ALIAS_TAKEN);
        }
    }

    private void releaseAlias(Change change, String alias, String keyHash) {
        if (alias != null) {
            writes.add(new Write(
                    TransactWriteItem.builder()
                            .delete(Delete.builder()
                                    .tableName(table)
                                    .key(IdentityItems.aliasKey(alias))
                                    .conditionExpression(ALIAS_OWNED)
                                    .expressionAttributeValues(Map.of(":hash", s(keyHash)))
                                    .build())
                            .build(),
                    change,
                    Reason.CHANGED));
        }
    }

    /** Ends the grace of an earlier regeneration: its pointer goes with the record it points to. */
    private void dropPointer(Change change, KeyRecord key) {
        if (key.previousKeyHash() != null) {
            writes.add(new Write(
                    TransactWriteItem.builder()
                            .delete(Delete.builder()
                                    .tableName(table)
                                    .key(IdentityItems.key(KeyRecord.class, key.previousKeyHash()))
                                    .conditionExpression(IS_POINTER)
                                    .expressionAttributeNames(Map.of("#record", RECORD))
                                    .build())
                            .build(),
                    change,
                    Reason.CHANGED));
        }
    }

    private void put(
            Change change, Map<String, AttributeValue> item, String condition, Identity expected, Reason reason) {
        Put.Builder put = Put.builder().tableName(table).item(item).conditionExpression(condition);
        if (condition.equals(UNCHANGED)) {
            put.expressionAttributeNames(Map.of("#record", RECORD))
                    .expressionAttributeValues(Map.of(":expected", s(IdentityJson.write(expected))));
        } else if (condition.equals(ALIAS_OWNED)) {
            put.expressionAttributeValues(Map.of(":hash", s(((KeyRecord) expected).keyHash())));
        }
        writes.add(new Write(TransactWriteItem.builder().put(put.build()).build(), change, reason));
    }

    private void delete(
            Change change, Map<String, AttributeValue> key, String condition, Identity expected, Reason reason) {
        writes.add(new Write(
                TransactWriteItem.builder()
                        .delete(Delete.builder()
                                .tableName(table)
                                .key(key)
                                .conditionExpression(condition)
                                .expressionAttributeNames(Map.of("#record", RECORD))
                                .expressionAttributeValues(Map.of(":expected", s(IdentityJson.write(expected))))
                                .build())
                        .build(),
                change,
                reason));
    }
}
