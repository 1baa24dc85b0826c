package dev.tollgate.gateway.budget;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One hard budget: a scope, its id, a window and a limit in USD. A null limit makes an
 * <em>uncapped</em> counter: spend is tracked (info endpoints, spend headers) but never refused.
 * {@code maxRequests} (sessions only, today) also caps how many calls the counter admits, in the same
 * conditional write as the money.
 *
 * @param scope  who the budget belongs to
 * @param id     the scope's id (key hash, user id, team id, tag name, ...)
 * @param window the period the limit applies to
 * @param limit  the most that may be committed in one window, USD; null = track only
 * @param maxRequests the most calls the counter admits in one window; null = no count limit
 */
public record BudgetLimit(Scope scope, String id, BudgetWindow window, BigDecimal limit, Long maxRequests) {

    public BudgetLimit(Scope scope, String id, BudgetWindow window, BigDecimal limit) {
        this(scope, id, window, limit, null);
    }

    public BudgetLimit {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(window, "window");
        if (id.isEmpty()) {
            throw new IllegalArgumentException("budget id must not be empty");
        }
        if (limit != null && limit.signum() < 0) {
            throw new IllegalArgumentException("budget limit must not be negative: " + limit.toPlainString());
        }
        if (maxRequests != null && maxRequests < 0) {
            throw new IllegalArgumentException("request limit must not be negative: " + maxRequests);
        }
    }

    /** Whether this limit caps the number of calls. */
    public boolean limitsRequests() {
        return maxRequests != null;
    }

    /** Two limits on one counter: the smaller money limit and the smaller request limit, each where set. */
    public static BudgetLimit tighter(BudgetLimit a, BudgetLimit b) {
        BigDecimal money = a.limit == null ? b.limit : b.limit == null ? a.limit : a.limit.min(b.limit);
        Long requests = a.maxRequests == null
                ? b.maxRequests
                : b.maxRequests == null ? a.maxRequests : Long.valueOf(Math.min(a.maxRequests, b.maxRequests));
        BudgetLimit base = a.limit != null && a.limit.equals(money) ? a : b.limit != null ? b : a;
        return new BudgetLimit(base.scope, base.id, base.window, money, requests);
    }

    /** A counter that records spend but refuses nothing (a scope with no budget in this window). */
    public static BudgetLimit uncapped(Scope scope, String id, BudgetWindow window) {
        return new BudgetLimit(scope, id, window, null);
    }

    /** Whether this limit can refuse a call. */
    public boolean capped() {
        return limit != null;
    }

    /** For messages: {@code team 'ml' (1mo window)}, {@code global (1d window)}, {@code key 'ab12' (lifetime)}. */
    public String label() {
        String who = scope == Scope.GLOBAL ? scope.label() : scope.label() + " '" + id + "'";
        return who + (window == BudgetWindow.LIFETIME ? " (lifetime)" : " (" + window.code() + " window)");
    }
}
