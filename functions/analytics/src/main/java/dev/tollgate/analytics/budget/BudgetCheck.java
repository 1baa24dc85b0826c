package dev.tollgate.analytics.budget;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.admission.BudgetScopes;
import dev.tollgate.gateway.admission.CallSubject;
import dev.tollgate.gateway.budget.BudgetLedger;
import dev.tollgate.gateway.budget.CounterState;
import dev.tollgate.gateway.errors.GatewayException;
import dev.tollgate.gateway.identity.Authenticator;
import dev.tollgate.gateway.identity.Principal;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /budget/check {api_key, estimated_cost}}: would a call of that cost fit the tightest hard
 * budget of that key (key, user, team, team member, the key's tags, global) right now? Reads the same
 * counters the gateway reserves against; reserves nothing.
 */
public final class BudgetCheck {
    private final Authenticator authenticator;
    private final BudgetScopes scopes;
    private final BudgetLedger ledger;
    private final Clock clock;

    public BudgetCheck(Authenticator authenticator, BudgetScopes scopes, BudgetLedger ledger, Clock clock) {
        this.authenticator = authenticator;
        this.scopes = scopes;
        this.ledger = ledger;
        this.clock = clock;
    }

    public Map<String, Object> check(JsonNode body) {
        if (body == null
                || !body.path("api_key").isTextual()
                || body.path("api_key").asText().isBlank()) {
            throw GatewayException.invalidRequest("'api_key' is required: the virtual key to check", "api_key");
        }
        JsonNode estimate = body.path("estimated_cost");
        if (!estimate.isMissingNode()
                && (!estimate.isNumber() || estimate.decimalValue().signum() < 0)) {
            throw GatewayException.invalidRequest("'estimated_cost' must be a number >= 0 (USD)", "estimated_cost");
        }
        BigDecimal cost = estimate.isMissingNode() ? BigDecimal.ZERO : estimate.decimalValue();
        Principal principal = authenticator.authenticate(body.path("api_key").asText());
        CounterState tightest = null;
        for (CounterState s : ledger.read(
                scopes.limitsFor(new CallSubject(
                        principal,
                        null,
                        principal.key() == null || principal.key().tags() == null
                                ? java.util.List.of()
                                : principal.key().tags())),
                clock.instant())) {
            if (s.limit().capped() && (tightest == null || s.remaining().compareTo(tightest.remaining()) < 0)) {
                tightest = s;
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        if (tightest == null) {
            answer.put("allowed", true);
            answer.put("budget_limit", null);
            answer.put("current_spend", null);
            answer.put("remaining", null);
            answer.put("message", "No hard budget applies to this key");
            return answer;
        }
        BigDecimal remaining = tightest.remaining().max(BigDecimal.ZERO);
        boolean allowed = cost.compareTo(remaining) <= 0;
        answer.put("allowed", allowed);
        answer.put("budget_limit", tightest.limit().limit());
        answer.put("current_spend", tightest.committed());
        answer.put("remaining", remaining);
        answer.put("budget", tightest.limit().label());
        answer.put(
                "reset_at",
                tightest.resetAt() == null ? null : tightest.resetAt().toString());
        answer.put(
                "message",
                allowed
                        ? "Within budget: $" + remaining.toPlainString() + " left of "
                                + tightest.limit().label()
                        : "Over budget: $" + cost.toPlainString() + " exceeds the $" + remaining.toPlainString()
                                + " left of " + tightest.limit().label());
        return answer;
    }
}
