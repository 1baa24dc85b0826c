package dev.tollgate.gateway.admin;

import static dev.tollgate.gateway.admin.FieldType.BOOLEAN;
import static dev.tollgate.gateway.admin.FieldType.BUDGET_LIMITS;
import static dev.tollgate.gateway.admin.FieldType.COUNT;
import static dev.tollgate.gateway.admin.FieldType.COUNT_MAP;
import static dev.tollgate.gateway.admin.FieldType.MODEL_BUDGETS;
import static dev.tollgate.gateway.admin.FieldType.MONEY;
import static dev.tollgate.gateway.admin.FieldType.OBJECT;
import static dev.tollgate.gateway.admin.FieldType.STRING;
import static dev.tollgate.gateway.admin.FieldType.STRINGS;
import static dev.tollgate.gateway.admin.FieldType.WINDOW;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settable fields of each record, by LiteLLM's request names, which are also the records'
 * stored names. Ids and fields with their own rules ({@code key}, {@code duration},
 * {@code members_with_roles}…) are handled by each service.
 */
final class Fields {
    static final Map<String, FieldType> KEY = fields(
            "key_alias",
            STRING,
            "user_id",
            STRING,
            "team_id",
            STRING,
            "models",
            STRINGS,
            "max_budget",
            MONEY,
            "soft_budget",
            MONEY,
            "budget_duration",
            WINDOW,
            "budget_limits",
            BUDGET_LIMITS,
            "tpm_limit",
            COUNT,
            "rpm_limit",
            COUNT,
            "max_parallel_requests",
            COUNT,
            "model_rpm_limit",
            COUNT_MAP,
            "model_tpm_limit",
            COUNT_MAP,
            "metadata",
            OBJECT,
            "tags",
            STRINGS,
            "blocked",
            BOOLEAN,
            "log_content",
            BOOLEAN,
            "model_max_budget",
            MODEL_BUDGETS,
            "max_budget_per_session",
            MONEY,
            "max_requests_per_session",
            COUNT,
            "cache",
            OBJECT);

    static final Map<String, FieldType> USER = fields(
            "user_email",
            STRING,
            "user_role",
            STRING,
            "models",
            STRINGS,
            "max_budget",
            MONEY,
            "soft_budget",
            MONEY,
            "budget_duration",
            WINDOW,
            "budget_limits",
            BUDGET_LIMITS,
            "tpm_limit",
            COUNT,
            "rpm_limit",
            COUNT,
            "max_parallel_requests",
            COUNT,
            "metadata",
            OBJECT,
            "blocked",
            BOOLEAN);

    static final Map<String, FieldType> TEAM = fields(
            "team_alias",
            STRING,
            "models",
            STRINGS,
            "max_budget",
            MONEY,
            "soft_budget",
            MONEY,
            "budget_duration",
            WINDOW,
            "budget_limits",
            BUDGET_LIMITS,
            "tpm_limit",
            COUNT,
            "rpm_limit",
            COUNT,
            "max_parallel_requests",
            COUNT,
            "metadata",
            OBJECT,
            "blocked",
            BOOLEAN,
            "log_content",
            BOOLEAN,
            "model_max_budget",
            MODEL_BUDGETS,
            "max_budget_per_session",
            MONEY,
            "max_requests_per_session",
            COUNT,
            "cache",
            OBJECT);

    static final Map<String, FieldType> END_USER = fields(
            "alias",
            STRING,
            "max_budget",
            MONEY,
            "budget_duration",
            WINDOW,
            "budget_limits",
            BUDGET_LIMITS,
            "metadata",
            OBJECT,
            "blocked",
            BOOLEAN);

    static final Map<String, FieldType> TAG = fields(
            "description",
            STRING,
            "models",
            STRINGS,
            "max_budget",
            MONEY,
            "soft_budget",
            MONEY,
            "budget_duration",
            WINDOW,
            "budget_limits",
            BUDGET_LIMITS);

    /** A team member's settable fields (in {@code members_with_roles}, {@code member}, {@code /team/member_update}). */
    static final Map<String, FieldType> MEMBER =
            fields("user_email", STRING, "role", STRING, "max_budget_in_team", MONEY, "budget_duration", WINDOW);

    private Fields() {}

    private static Map<String, FieldType> fields(Object... pairs) {
        Map<String, FieldType> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (FieldType) pairs[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }
}
