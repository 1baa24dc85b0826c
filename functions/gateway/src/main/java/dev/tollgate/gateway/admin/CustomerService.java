package dev.tollgate.gateway.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.identity.BudgetLimits;
import dev.tollgate.gateway.identity.Change;
import dev.tollgate.gateway.identity.EndUserRecord;
import dev.tollgate.gateway.identity.IdentityJson;
import dev.tollgate.gateway.identity.IdentityStore;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@code /customer/*} operations (end users), in LiteLLM's request and response shapes. */
@Singleton
@Requires(beans = IdentityStore.class)
class CustomerService {
    private final AdminWrites writes;
    private final BudgetReport report;

    CustomerService(AdminWrites writes, BudgetReport report) {
        this.writes = writes;
        this.report = report;
    }

    /** {@code POST /customer/new}: {@code user_id} (required), {@code alias}, budgets, {@code blocked}. */
    ObjectNode create(AdminBody body) {
        body.allowOnly(Fields.END_USER, Set.of("user_id"));
        String id = body.requiredString("user_id");
        ObjectNode fields = body.fields(Fields.END_USER);
        EndUserRecord created = writes.retrying(() -> {
            EndUserRecord endUser = newEndUser(id, fields, writes.now());
            writes.apply(new Change.Create(endUser));
            return endUser;
        });
        return AdminViews.endUser(created);
    }

    /** {@code POST /customer/update}: changes the fields given. */
    ObjectNode update(AdminBody body) {
        body.allowOnly(Fields.END_USER, Set.of("user_id"));
        String id = body.requiredString("user_id");
        ObjectNode fields = body.fields(Fields.END_USER);
        return AdminViews.endUser(writes.retrying(() -> {
            EndUserRecord current = require(id, "user_id");
            EndUserRecord next = IdentityJson.with(
                    current, fields.deepCopy().put("updated_at", writes.now().toString()));
            writes.apply(new Change.Replace(current, next));
            return next;
        }));
    }

    /**
     * {@code POST /customer/block} / {@code /customer/unblock} {@code {"user_ids": [...]}}: like
     * LiteLLM, an end user not seen before is created blocked (or unblocked), so an id can be
     * blocked before its first call. → {@code {"blocked_users": [...]}} / {@code {"unblocked_users": [...]}}.
     */
    ObjectNode setBlocked(AdminBody body, boolean blocked) {
        body.allowOnly(Map.of(), Set.of("user_ids"));
        List<String> ids = body.strings("user_ids");
        if (ids.isEmpty()) {
            throw FieldType.invalid("user_ids", "is required: the end-user ids");
        }
        List<EndUserRecord> done = writes.retrying(() -> {
            Instant now = writes.now();
            List<Change> changes = new ArrayList<>();
            List<EndUserRecord> result = new ArrayList<>();
            ObjectNode flag = IdentityJson.object().put("blocked", blocked);
            for (String id : ids.stream().distinct().toList()) {
                EndUserRecord current = store().endUser(id).orElse(null);
                EndUserRecord next = current == null
                        ? newEndUser(id, flag, now)
                        : IdentityJson.with(current, flag.deepCopy().put("updated_at", now.toString()));
                changes.add(current == null ? new Change.Create(next) : new Change.Replace(current, next));
                result.add(next);
            }
            writes.apply(changes);
            return result;
        });
        ObjectNode out = IdentityJson.object();
        ArrayNode list = out.putArray(blocked ? "blocked_users" : "unblocked_users");
        done.forEach(e -> list.add(AdminViews.endUser(e)));
        return out;
    }

    /** {@code POST /customer/delete} {@code {"user_ids": [...]}} → {@code {"deleted_customers": [...]}}. */
    ObjectNode delete(AdminBody body) {
        body.allowOnly(Map.of(), Set.of("user_ids"));
        List<String> ids = body.strings("user_ids");
        if (ids.isEmpty()) {
            throw FieldType.invalid("user_ids", "is required: the end-user ids");
        }
        writes.retrying(() -> {
            List<Change> changes = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                changes.add(new Change.Delete(require(ids.get(i), "user_ids[" + i + "]")));
            }
            writes.apply(changes);
            return changes;
        });
        ObjectNode out = IdentityJson.object();
        ids.forEach(out.putArray("deleted_customers")::add);
        return out;
    }

    /** {@code GET /customer/info?end_user_id=}: the end user with its spend and budgets. */
    ObjectNode info(String endUserId) {
        if (endUserId == null || endUserId.isBlank()) {
            throw FieldType.invalid("end_user_id", "is required");
        }
        EndUserRecord endUser = require(endUserId, "end_user_id");
        return report.attach(AdminViews.endUser(endUser), BudgetLimits.forEndUser(endUser));
    }

    private EndUserRecord require(String id, String field) {
        return store().endUser(id).orElseThrow(() -> Lookups.notFound("Customer '" + id + "' not found", field));
    }

    private static EndUserRecord newEndUser(String id, ObjectNode fields, Instant now) {
        ObjectNode tree = IdentityJson.object()
                .put("user_id", id)
                .put("created_at", now.toString())
                .put("updated_at", now.toString());
        tree.setAll(fields);
        return IdentityJson.fromTree(tree, EndUserRecord.class);
    }

    private IdentityStore store() {
        return writes.store();
    }
}
