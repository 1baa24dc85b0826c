package dev.tollgate.analytics.forecast;

import dev.tollgate.gateway.budget.BudgetLimit;
import dev.tollgate.gateway.identity.BudgetLimits;
import dev.tollgate.gateway.identity.EndUserRecord;
import dev.tollgate.gateway.identity.Identity;
import dev.tollgate.gateway.identity.IdentityJson;
import dev.tollgate.gateway.identity.KeyRecord;
import dev.tollgate.gateway.identity.TagRecord;
import dev.tollgate.gateway.identity.TeamRecord;
import dev.tollgate.gateway.identity.UserRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * {@link BudgetedScopes} from the identity records of the single table: one Query per kind on {@code gsi1}
 * ({@code gsi1pk = TEAMS | USERS | KEYS | ENDUSERS | TAGS}, the partitions the admin API lists from; never a
 * table scan), each record's JSON turned into limits by the gateway's own {@link BudgetLimits}, so the
 * forecast sees exactly the windows the ledger enforces. Keys are forecast under their hash (as the rollups
 * record them), per-model budgets as {@code <key hash>/<model>} and {@code <team id>/<model>}. A team member's
 * {@code max_budget_in_team} is not forecast (the rollups have no per-member series).
 */
public final class DynamoDbBudgetedScopes implements BudgetedScopes {
    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbBudgetedScopes.class);
    /** The index and attributes of {@code IdentityItems}. */
    static final String INDEX = "gsi1";

    private static final List<Kind> KINDS = List.of(
            new Kind("TEAMS", TeamRecord.class),
            new Kind("USERS", UserRecord.class),
            new Kind("KEYS", KeyRecord.class),
            new Kind("ENDUSERS", EndUserRecord.class),
            new Kind("TAGS", TagRecord.class));

    private record Kind(String partition, Class<? extends Identity> type) {}

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbBudgetedScopes(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public List<ForecastScope> all() {
        List<ForecastScope> out = new ArrayList<>();
        for (Kind kind : KINDS) {
            for (Map<String, AttributeValue> item : query(kind.partition())) {
                AttributeValue json = item.get("record");
                if (json == null || json.s() == null) {
                    continue;
                }
                try {
                    out.addAll(scopes(IdentityJson.read(json.s(), kind.type())));
                } catch (RuntimeException e) {
                    LOG.warn("budget of {} not forecast: {}", item.get("pk").s(), e.getMessage());
                }
            }
        }
        return out;
    }

    /** The forecastable hard limits of one record. */
    static List<ForecastScope> scopes(Identity record) {
        List<BudgetLimit> limits = new ArrayList<>();
        String keyHash = null;
        String keyId = null;
        switch (record) {
            case TeamRecord t -> {
                limits.addAll(BudgetLimits.forTeam(t));
                limits.addAll(BudgetLimits.forTeamModels(t));
            }
            case UserRecord u -> limits.addAll(BudgetLimits.forUser(u));
            case KeyRecord k -> {
                if (k.blocked()) {
                    return List.of();
                }
                keyHash = k.keyHash();
                keyId = k.keyId();
                limits.addAll(BudgetLimits.forKey(k));
                limits.addAll(BudgetLimits.forKeyModels(k));
            }
            case EndUserRecord e -> limits.addAll(BudgetLimits.forEndUser(e));
            case TagRecord t -> limits.addAll(BudgetLimits.forTag(t));
        }
        List<ForecastScope> out = new ArrayList<>();
        for (BudgetLimit l : limits) {
            if (l.limit() == null || !ForecastScope.forecastable(l.window())) {
                continue;
            }
            ScopeType type = switch (l.scope()) {
                case TEAM -> ScopeType.TEAM;
                case USER -> ScopeType.USER;
                case KEY -> ScopeType.KEY;
                case END_USER -> ScopeType.CUSTOMER;
                case TAG -> ScopeType.TAG;
                case KEY_MODEL -> ScopeType.KEY_MODEL;
                case TEAM_MODEL -> ScopeType.TEAM_MODEL;
                default -> null;
            };
            if (type == null) {
                continue;
            }
            String id = l.id();
            if (keyId != null && (type == ScopeType.KEY || type == ScopeType.KEY_MODEL)) {
                id = keyHash + id.substring(keyId.length()); // the counter's stable key id → the rollups' hash
            }
            out.add(new ForecastScope(type, id, l.limit(), l.window()));
        }
        return out;
    }

    private List<Map<String, AttributeValue>> query(String partition) {
        QueryRequest request = QueryRequest.builder()
                .tableName(table)
                .indexName(INDEX)
                .keyConditionExpression("gsi1pk = :p")
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(partition)))
                .build();
        try {
            List<Map<String, AttributeValue>> items = new ArrayList<>();
            dynamo.queryPaginator(request).items().forEach(items::add);
            return items;
        } catch (SdkException e) {
            throw new IllegalStateException("budgets not read from " + table + " (" + partition + ")", e);
        }
    }
}
