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
    GLOBAL(Scope.GLOBAL);

    /** The budget scope its alerts are filed under. */
    final Scope alertScope;

    ScopeType(Scope alertScope) {
        this.alertScope = alertScope;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code team}, {@code user}, {@code key}, {@code customer}, {@code tag} or {@code global}; 400 otherwise. */
    public static ScopeType parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw GatewayException.invalidRequest(
                    "'scope_type' must be team, user, key, customer, tag or global, got '" + value + "'", "scope_type");
        }
    }
}
