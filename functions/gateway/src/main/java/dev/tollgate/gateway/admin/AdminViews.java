package dev.tollgate.gateway.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.identity.EndUserRecord;
import dev.tollgate.gateway.identity.IdentityJson;
import dev.tollgate.gateway.identity.KeyRecord;
import dev.tollgate.gateway.identity.TagRecord;
import dev.tollgate.gateway.identity.TeamRecord;
import dev.tollgate.gateway.identity.UserRecord;
import java.math.BigDecimal;

/**
 * Records as the admin API shows them, in LiteLLM's shapes: the stored fields under their stored
 * (LiteLLM) names, plus LiteLLM's derived ones. Never a key's secret: a key is shown by its hash
 * ({@code token}) and its first characters ({@code key_name}).
 */
final class AdminViews {
    private AdminViews() {}

    /** A key: {@code token} (the SHA-256), {@code key_name} ({@code sk-AbC12...}), and every setting. */
    static ObjectNode key(KeyRecord key) {
        ObjectNode tree = IdentityJson.tree(key);
        ObjectNode view = IdentityJson.object();
        view.put("token", key.keyHash());
        view.put("key_name", key.keyPrefix() == null ? null : key.keyPrefix() + "...");
        tree.remove("key_hash");
        tree.remove("previous_key_hash");
        view.setAll(tree);
        return view;
    }

    /** A key as {@code /key/generate} and {@code /key/regenerate} return it: the secret, shown this once. */
    static ObjectNode keyWithSecret(KeyRecord key, String secret) {
        ObjectNode view = IdentityJson.object();
        view.put("key", secret);
        view.setAll(key(key));
        return view;
    }

    static ObjectNode user(UserRecord user) {
        return IdentityJson.tree(user);
    }

    static ObjectNode team(TeamRecord team) {
        return IdentityJson.tree(team);
    }

    /** An end user, with LiteLLM's {@code litellm_budget_table} beside the flat budget fields. */
    static ObjectNode endUser(EndUserRecord endUser) {
        ObjectNode view = IdentityJson.tree(endUser);
        budgetTable(view, endUser.maxBudget() != null, null);
        return view;
    }

    /** A tag (LiteLLM's {@code TagConfig}), with {@code litellm_budget_table}. */
    static ObjectNode tag(TagRecord tag) {
        ObjectNode view = IdentityJson.tree(tag);
        budgetTable(view, tag.maxBudget() != null, tag.softBudget());
        return view;
    }

    private static void budgetTable(ObjectNode view, boolean hasBudget, BigDecimal softBudget) {
        if (!hasBudget) {
            view.putNull("litellm_budget_table");
            return;
        }
        ObjectNode table = view.putObject("litellm_budget_table");
        table.set("max_budget", view.get("max_budget"));
        table.set("budget_duration", view.get("budget_duration"));
        table.put("soft_budget", softBudget);
    }
}
