package dev.tollgate.gateway.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.budget.BudgetLedger;
import dev.tollgate.gateway.budget.BudgetLimit;
import dev.tollgate.gateway.budget.CounterState;
import io.micronaut.context.BeanProvider;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;

/**
 * The spend section of info responses, read from the {@link BudgetLedger}: per budget window the
 * spend, limit, remaining budget and reset time. With no ledger configured the section is left out.
 *
 * <p>Shape: {@code "spend"} (settled spend in the window of {@code max_budget}, LiteLLM's field;
 * null when the record has no budget), {@code "budget_reset_at"}, and {@code "budgets": [{"budget_duration",
 * "max_budget", "spend", "reserved", "in_flight", "committed", "remaining", "requests", "reset_at"}]}:
 * {@code spend} is settled, {@code reserved} is held by the {@code in_flight} calls not yet settled,
 * {@code committed} = spend + reserved, and {@code remaining} = limit − committed.
 */
@Singleton
class BudgetReport {
    private final BeanProvider<BudgetLedger> ledger;
    private final Clock clock;

    BudgetReport(BeanProvider<BudgetLedger> ledger, @Nullable Clock clock) {
        this.ledger = ledger;
        this.clock = clock == null ? Clock.systemUTC() : clock;
    }

    /** Adds the spend section for {@code limits} to {@code view}; does nothing without a ledger. */
    ObjectNode attach(ObjectNode view, List<BudgetLimit> limits) {
        if (!ledger.isPresent()) {
            return view;
        }
        List<CounterState> states = limits.isEmpty() ? List.of() : ledger.get().read(limits, clock.instant());
        CounterState first = states.isEmpty() ? null : states.get(0);
        view.put("spend", first == null ? null : first.actual());
        view.put(
                "budget_reset_at",
                first == null || first.resetAt() == null
                        ? null
                        : first.resetAt().toString());
        ArrayNode rows = view.putArray("budgets");
        for (CounterState s : states) {
            ObjectNode row = rows.addObject();
            row.put("budget_duration", s.limit().window().code());
            row.put("max_budget", s.limit().limit());
            row.put("spend", s.actual());
            row.put("reserved", s.reserved());
            row.put("in_flight", s.inFlight());
            row.put("committed", s.committed());
            row.put("remaining", s.remaining());
            row.put("requests", s.requests());
            row.put("reset_at", s.resetAt() == null ? null : s.resetAt().toString());
        }
        return view;
    }

    /**
     * Adds {@code "model_budgets": [{"model", "budget_duration", "max_budget", "spend", "reserved", "in_flight",
     * "remaining", "reset_at"}]}, one row per {@code model_max_budget} entry, in its current window.
     */
    ObjectNode attachModels(ObjectNode view, List<BudgetLimit> limits) {
        if (!ledger.isPresent() || limits.isEmpty()) {
            return view;
        }
        ArrayNode rows = view.putArray("model_budgets");
        for (CounterState s : ledger.get().read(limits, clock.instant())) {
            ObjectNode row = rows.addObject();
            row.put("model", s.limit().id().substring(s.limit().id().indexOf('/') + 1));
            row.put("budget_duration", s.limit().window().code());
            row.put("max_budget", s.limit().limit());
            row.put("spend", s.actual());
            row.put("reserved", s.reserved());
            row.put("in_flight", s.inFlight());
            row.put("remaining", s.remaining());
            row.put("reset_at", s.resetAt() == null ? null : s.resetAt().toString());
        }
        return view;
    }
}
