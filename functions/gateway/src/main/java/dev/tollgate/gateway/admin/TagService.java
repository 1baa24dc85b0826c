package dev.tollgate.gateway.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.identity.BudgetLimits;
import dev.tollgate.gateway.identity.Change;
import dev.tollgate.gateway.identity.IdentityJson;
import dev.tollgate.gateway.identity.IdentityStore;
import dev.tollgate.gateway.identity.TagRecord;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@code /tag/*} operations, in LiteLLM's request and response shapes. */
@Singleton
@Requires(beans = IdentityStore.class)
class TagService {
    private final AdminWrites writes;
    private final BudgetReport report;

    TagService(AdminWrites writes, BudgetReport report) {
        this.writes = writes;
        this.report = report;
    }

    /** {@code POST /tag/new} → {@code {"message": "Tag x created successfully", "tag": {...}}}. */
    ObjectNode create(AdminBody body) {
        body.allowOnly(Fields.TAG, Set.of("name"));
        String name = body.requiredString("name");
        ObjectNode fields = body.fields(Fields.TAG);
        TagRecord tag = writes.retrying(() -> {
            Instant now = writes.now();
            ObjectNode tree = IdentityJson.object()
                    .put("name", name)
                    .put("created_at", now.toString())
                    .put("updated_at", now.toString());
            tree.setAll(fields);
            TagRecord created = IdentityJson.fromTree(tree, TagRecord.class);
            writes.apply(new Change.Create(created));
            return created;
        });
        return message("Tag " + name + " created successfully", tag);
    }

    /** {@code POST /tag/update}: changes the fields given. */
    ObjectNode update(AdminBody body) {
        body.allowOnly(Fields.TAG, Set.of("name"));
        String name = body.requiredString("name");
        ObjectNode fields = body.fields(Fields.TAG);
        TagRecord tag = writes.retrying(() -> {
            TagRecord current = require(name, "name");
            TagRecord next = IdentityJson.with(
                    current, fields.deepCopy().put("updated_at", writes.now().toString()));
            writes.apply(new Change.Replace(current, next));
            return next;
        });
        return message("Tag " + name + " updated successfully", tag);
    }

    /** {@code POST /tag/delete} {@code {"name"}}. */
    ObjectNode delete(AdminBody body) {
        body.allowOnly(Map.of(), Set.of("name"));
        String name = body.requiredString("name");
        writes.retrying(() -> {
            TagRecord current = require(name, "name");
            writes.apply(new Change.Delete(current));
            return current;
        });
        return IdentityJson.object().put("message", "Tag " + name + " deleted successfully");
    }

    /** {@code GET /tag/info?name=}: the tag with its spend and budgets. */
    ObjectNode info(String name) {
        if (name == null || name.isBlank()) {
            throw FieldType.invalid("name", "is required");
        }
        TagRecord tag = require(name, "name");
        return report.attach(AdminViews.tag(tag), BudgetLimits.forTag(tag));
    }

    /** {@code POST /tag/info} {@code {"names": [...]}}: LiteLLM's form, a map of name to tag. */
    ObjectNode infoMany(AdminBody body) {
        body.allowOnly(Map.of(), Set.of("names"));
        List<String> names = body.strings("names");
        if (names.isEmpty()) {
            throw FieldType.invalid("names", "is required: the tag names");
        }
        ObjectNode out = IdentityJson.object();
        for (int i = 0; i < names.size(); i++) {
            TagRecord tag = require(names.get(i), "names[" + i + "]");
            out.set(tag.name(), report.attach(AdminViews.tag(tag), BudgetLimits.forTag(tag)));
        }
        return out;
    }

    /** {@code GET /tag/list}: every tag, by name. */
    ArrayNode list() {
        ArrayNode out = IdentityJson.object().arrayNode();
        store().tags().forEach(t -> out.add(AdminViews.tag(t)));
        return out;
    }

    private TagRecord require(String name, String field) {
        return store().tag(name).orElseThrow(() -> Lookups.notFound("Tag '" + name + "' not found", field));
    }

    private static ObjectNode message(String message, TagRecord tag) {
        ObjectNode out = IdentityJson.object().put("message", message);
        out.set("tag", AdminViews.tag(tag));
        return out;
    }

    private IdentityStore store() {
        return writes.store();
    }
}
