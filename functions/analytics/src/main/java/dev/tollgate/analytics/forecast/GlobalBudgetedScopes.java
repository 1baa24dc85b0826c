package dev.tollgate.analytics.forecast;

import dev.tollgate.gateway.budget.BudgetLimit;
import dev.tollgate.gateway.budget.GlobalBudgets;
import dev.tollgate.gateway.budget.Scope;
import dev.tollgate.gateway.config.BudgetSettings;
import dev.tollgate.gateway.identity.BudgetLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The global budgets the gateway enforces, as forecast scopes: tollgate.yml's {@code settings.budgets.global}
 * with its {@code 1mo} budget replaced by the value set at runtime ({@code POST /api/v1/budgets} with
 * {@code entity_type: global}, the item {@code pk = GLOBAL} that {@link GlobalBudgets} reads), combined by the
 * gateway's own {@link BudgetLimits#forGlobal} (what the proxy's {@code BudgetScopes} uses). The runtime value
 * is read afresh on every run, not through the proxy's cache; a failed read fails the run rather than forecast
 * against a limit the gateway may no longer enforce.
 */
public final class GlobalBudgetedScopes implements BudgetedScopes {
    private static final Logger LOG = LoggerFactory.getLogger(GlobalBudgetedScopes.class);

    private final BudgetSettings settings;
    private final GlobalBudgets runtime;

    /**
     * @param runtime the runtime global budget; null where there is no store for it (tollgate.yml's apply, as in
     *                the proxy without one)
     */
    public GlobalBudgetedScopes(BudgetSettings settings, GlobalBudgets runtime) {
        this.settings = settings;
        this.runtime = runtime;
    }

    @Override
    public List<ForecastScope> all() {
        List<BudgetLimit> configured;
        try {
            configured = BudgetLimits.forConfiguredGlobal(settings);
        } catch (IllegalArgumentException e) {
            // the proxy cannot enforce such a configuration either; the configuration check reports it
            LOG.warn("global budget not forecast: {}", e.getMessage());
            return List.of();
        }
        Optional<GlobalBudgets.Monthly> current = runtime == null ? Optional.empty() : runtime.current();
        List<ForecastScope> out = new ArrayList<>();
        for (BudgetLimit l : BudgetLimits.forGlobal(configured, current)) {
            if (l.scope() == Scope.GLOBAL && l.capped() && ForecastScope.forecastable(l.window())) {
                out.add(new ForecastScope(ScopeType.GLOBAL, "global", l.limit(), l.window()));
            }
        }
        return out;
    }
}
