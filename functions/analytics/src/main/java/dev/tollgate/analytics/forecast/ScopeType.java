package dev.tollgate.analytics.forecast;

import dev.tollgate.gateway.budget.Scope;
import dev.tollgate.gateway.errors.GatewayException;
import java.util.Locale;

/** What a forecast is about; the wire name ({@link #code()}) is the lower-case constant name. */
public enum ScopeType {
    TEAM(Scope.TEAM),
    USER(Scope.USER),
    KEY(Scope.KEY),
    CUSTOMER(Scope.END_USER),
    TAG(Scope.TAG),
    GLOBAL(Scope.GLOBAL),
    /** A key's budget for one requested model ({@code model_max_budget}); id {@code <key hash>/<model>}. */
    KEY_MODEL(Scope.KEY_MODEL),
    /** A team's budget for one requested model ({@code model_max_budget}); id {@code <team id>/<model>}. */
    TEAM_MODEL(Scope.TEAM_MODEL);

    /** The budget scope its alerts are filed under. */
    final Scope alertScope;

    ScopeType(Scope alertScope) {
        this.alertScope = alertScope;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * {@code team}, {@code user}, {@code key}, {@code customer}, {@code tag}, {@code global}, {@code key_model} or
     * {@code team_model}; 400 otherwise.
     */
    public static ScopeType parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw GatewayException.invalidRequest(
                    "'scope_type' must be team, user, key, customer, tag, global, key_model or team_model, got '"
                            + value + "'",
                    "scope_type");
        }
    }
}
