package dev.tollgate.gateway.admin;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.budget.BudgetLedger;
import dev.tollgate.gateway.budget.BudgetLimit;
import dev.tollgate.gateway.budget.BudgetWindow;
import dev.tollgate.gateway.budget.Scope;
import dev.tollgate.gateway.identity.IdentityJson;
import io.micronaut.context.BeanProvider;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The spend section is left out, not failed, when no budget ledger is configured. */
class BudgetReportTest {

    @Test
    void attach_withoutLedger_leavesTheViewUnchanged() {
        BeanProvider<BudgetLedger> none = new BeanProvider<>() {
            @Override
            public BudgetLedger get() {
                throw new IllegalStateException("no ledger");
            }

            @Override
            public boolean isPresent() {
                return false;
            }
        };
        ObjectNode view = IdentityJson.object().put("token", "abc");

        new BudgetReport(none, null)
                .attach(view, List.of(new BudgetLimit(Scope.KEY, "abc", BudgetWindow.DAY, BigDecimal.ONE)));

        assertFalse(view.has("spend"));
        assertFalse(view.has("budgets"));
    }
}
