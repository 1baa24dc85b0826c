package dev.tollgate.gateway.admission;

import dev.tollgate.gateway.alerts.SoftBudget;
import dev.tollgate.gateway.budget.BudgetLedger;
import dev.tollgate.gateway.budget.BudgetLimit;
import dev.tollgate.gateway.budget.BudgetWindow;
import dev.tollgate.gateway.budget.CounterState;
import dev.tollgate.gateway.budget.GlobalBudgets;
import dev.tollgate.gateway.budget.Scope;
import dev.tollgate.gateway.config.BudgetSettings;
import dev.tollgate.gateway.config.GatewayConfig;
import dev.tollgate.gateway.errors.GatewayException;
import dev.tollgate.gateway.identity.BudgetLimits;
import dev.tollgate.gateway.identity.EndUserRecord;
import dev.tollgate.gateway.identity.IdentityStore;
import dev.tollgate.gateway.identity.Principal;
import dev.tollgate.gateway.identity.TagRecord;
import dev.tollgate.gateway.storage.Refreshed;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every counter one call moves: the hard budgets that apply (key, user, team, team member, end user,
 * each tag, global — every window of each) and, for scopes without a lifetime budget, an uncapped
 * lifetime counter so their spend is tracked even when nothing limits it. End-user and tag records are
 * read through a cache that lives as long as the key cache.
 */
@Singleton
public class BudgetScopes {
    private final IdentityStore store;
    private final BudgetLedger ledger;
    private final Clock clock;
    private final BudgetSettings settings;
    private final TtlCache<String, Optional<EndUserRecord>> endUsers;
    private final TtlCache<String, Optional<TagRecord>> tags;
    private final List<BudgetLimit> global;
    private final GlobalBudgets globalBudgets;
    private final Refreshed<Optional<GlobalBudgets.Monthly>> runtimeGlobal;

    public BudgetScopes(
            @Nullable IdentityStore store,
            GatewayConfig config,
            Clock clock,
            @Value("${tollgate.auth.cache-seconds:5}") int cacheSeconds,
            BudgetLedger ledger,
            @Nullable GlobalBudgets globalBudgets) {
        this.ledger = ledger;
        this.globalBudgets = globalBudgets;
        this.clock = clock;
        this.store = store;
        this.settings = config.settings().budgetsOrDefault();
        Duration ttl = Duration.ofSeconds(Math.max(0, cacheSeconds));
        this.endUsers = new TtlCache<>(ttl, clock, 100_000);
        this.tags = new TtlCache<>(ttl, clock, 10_000);
        // a failed read keeps the last value (tollgate.yml's before any): the reservation meets the same
        // store next and fails closed (503) or open, as settings.budgets.fail_open says
        this.runtimeGlobal = globalBudgets == null
                ? null
                : new Refreshed<>("global budget", globalBudgets::current, ttl, clock, Optional.empty());
        this.global = BudgetLimits.forConfiguredGlobal(settings);
    }

    public List<BudgetLimit> limitsFor(CallSubject subject) {
        Map<String, BudgetLimit> limits = new LinkedHashMap<>();
        Principal principal = subject.principal();
        add(limits, principal.budgetLimits());
        if (principal.key() != null) {
            track(limits, Scope.KEY, principal.key().keyId());
            track(limits, Scope.USER, principal.userId());
            track(limits, Scope.TEAM, principal.teamId());
            // a soft budget in a window with no hard budget still needs that window's counter to alert on
            trackWindow(
                    limits,
                    Scope.KEY,
                    principal.key().keyId(),
                    principal.key().softBudget(),
                    principal.key().budgetDuration());
            if (principal.user() != null) {
                trackWindow(
                        limits,
                        Scope.USER,
                        principal.userId(),
                        principal.user().softBudget(),
                        principal.user().budgetDuration());
            }
            if (principal.team() != null) {
                trackWindow(
                        limits,
                        Scope.TEAM,
                        principal.teamId(),
                        principal.team().softBudget(),
                        principal.team().budgetDuration());
            }
        }
        if (subject.endUser() != null) {
            Optional<EndUserRecord> endUser =
                    store == null ? Optional.empty() : endUsers.get(subject.endUser(), store::endUser);
            if (endUser.isPresent() && endUser.get().blocked()) {
                throw new GatewayException(
                        403,
                        "permission_error",
                        "End user '" + subject.endUser() + "' is blocked",
                        "user",
                        "end_user_blocked");
            }
            add(limits, endUser.map(BudgetLimits::forEndUser).orElseGet(() -> defaultEndUser(subject.endUser())));
            track(limits, Scope.END_USER, subject.endUser());
        }
        for (String tag : subject.tags()) {
            if (store != null) {
                add(limits, tags.get(tag, store::tag).map(BudgetLimits::forTag).orElse(List.of()));
            }
            track(limits, Scope.TAG, tag);
        }
        add(limits, globalLimits());
        add(limits, BudgetLimits.forModel(principal, subject.model()));
        add(limits, BudgetLimits.forSession(principal, subject.sessionId()));
        return List.copyOf(limits.values());
    }

    /** What remains of the tightest hard budget this subject's calls must fit, or null when none applies. */
    public BigDecimal remaining(CallSubject subject) {
        BigDecimal tightest = null;
        for (CounterState state : ledger.read(limitsFor(subject), clock.instant())) {
            if (state.limit().capped()) {
                BigDecimal left = state.remaining();
                tightest = tightest == null || left.compareTo(tightest) < 0 ? left : tightest;
            }
        }
        return tightest == null ? null : tightest.max(BigDecimal.ZERO);
    }

    /**
     * The global budgets: tollgate.yml's, with its {@code 1mo} one replaced by the value set at runtime
     * ({@link GlobalBudgets}, read through a cache of {@code tollgate.auth.cache-seconds}) when there is one
     * ({@link BudgetLimits#forGlobal}, which the forecasts use too).
     */
    public List<BudgetLimit> globalLimits() {
        return BudgetLimits.forGlobal(global, runtimeGlobal());
    }

    /** The soft alert of the runtime global budget, if one is set (alerts on the global {@code 1mo} counter). */
    public List<SoftBudget> globalSoft() {
        return runtimeGlobal()
                .filter(g -> g.softLimit() != null)
                .map(g -> List.of(new SoftBudget(Scope.GLOBAL, "global", BudgetWindow.MONTH, g.softLimit())))
                .orElse(List.of());
    }

    /**
     * The runtime global budget (cached, {@link Refreshed}), or empty when none is set or there is no store.
     */
    public Optional<GlobalBudgets.Monthly> runtimeGlobal() {
        if (globalBudgets == null) {
            return Optional.empty();
        }
        return runtimeGlobal.get();
    }

    private List<BudgetLimit> defaultEndUser(String endUser) {
        BudgetSettings.WindowBudget budget = settings.defaultEndUser();
        return budget == null
                ? List.of()
                : BudgetLimits.of(Scope.END_USER, endUser, budget.maxBudget(), budget.budgetDuration(), null);
    }

    /** Adds limits; two limits on the same counter keep the smaller. */
    private static void add(Map<String, BudgetLimit> limits, List<BudgetLimit> more) {
        for (BudgetLimit limit : more) {
            limits.merge(key(limit.scope(), limit.id(), limit.window()), limit, BudgetLimit::tighter);
        }
    }

    private static void trackWindow(
            Map<String, BudgetLimit> limits, Scope scope, String id, BigDecimal softBudget, String budgetDuration) {
        if (softBudget != null && budgetDuration != null && id != null) {
            BudgetWindow window = BudgetWindow.parse(budgetDuration);
            limits.putIfAbsent(key(scope, id, window), BudgetLimit.uncapped(scope, id, window));
        }
    }

    private static void track(Map<String, BudgetLimit> limits, Scope scope, String id) {
        if (id != null && !id.isBlank()) {
            limits.putIfAbsent(
                    key(scope, id, BudgetWindow.LIFETIME), BudgetLimit.uncapped(scope, id, BudgetWindow.LIFETIME));
        }
    }

    private static String key(Scope scope, String id, BudgetWindow window) {
        return scope + "#" + id + "#" + window;
    }
}
