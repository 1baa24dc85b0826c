package dev.tollgate.gateway.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.budget.BudgetLimit;
import dev.tollgate.gateway.budget.BudgetWindow;
import dev.tollgate.gateway.budget.InMemoryBudgetLedger;
import dev.tollgate.gateway.budget.ReserveResult;
import dev.tollgate.gateway.budget.Scope;
import dev.tollgate.pricing.CostPredictor;
import dev.tollgate.pricing.ModelPrice;
import dev.tollgate.pricing.Prediction;
import dev.tollgate.pricing.PriceCatalog;
import dev.tollgate.pricing.ServiceTier;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The clamp on the in-memory ledger: a share of what is left while calls may arrive together, the last of it when no
 * call in flight holds any, and never past a limit. gpt-4o-mini, a call with no max_tokens (16,384 output tokens).
 */
class ClampedReserveTest {
    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");
    private static final BigDecimal HALF = new BigDecimal("0.5");
    private static final ModelPrice PRICE =
            PriceCatalog.bundled().resolve("openai", "gpt-4o-mini", null).orElseThrow();
    private final InMemoryBudgetLedger ledger =
            new InMemoryBudgetLedger(ZoneOffset.UTC, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void theLastSliver_goesToACall_whenNoCallInFlightHoldsAny() throws Exception {
        // GIVEN a key with room for the call's input and 3 output tokens: half of it affords none
        ObjectNode body = body();
        Prediction p = CostPredictor.predict(PRICE, body);
        BigDecimal limit = CostPredictor.worstCase(PRICE, p.inputTokens(), 3, ServiceTier.STANDARD);
        BudgetLimit key = new BudgetLimit(Scope.KEY, "k", BudgetWindow.MONTH, limit);

        ReserveResult r = attempt(List.of(key), body, p);

        ReserveResult.Reserved reserved = assertInstanceOf(ReserveResult.Reserved.class, r);
        assertTrue(reserved.reservation().amount().compareTo(limit) <= 0, "never past the limit");
        assertTrue(
                body.path("max_tokens").asInt() >= 1 && body.path("max_tokens").asInt() <= 3, body.toString());
    }

    @Test
    void aLimitHeldByACallInFlight_keepsItsShare_theCallWaitsForIt() throws Exception {
        // GIVEN a team that a call in flight holds $0.001 of, with room left for the input and 3 output tokens:
        // half of that affords none, and the call in flight may hand back what it does not spend
        ObjectNode body = body().put("max_tokens", 100);
        Prediction p = CostPredictor.predict(PRICE, body);
        BigDecimal room = CostPredictor.worstCase(PRICE, p.inputTokens(), 3, ServiceTier.STANDARD);
        BigDecimal held = new BigDecimal("0.001");
        BudgetLimit team = new BudgetLimit(Scope.TEAM, "t", BudgetWindow.MONTH, room.add(held));
        assertInstanceOf(
                ReserveResult.Reserved.class, ledger.reserve("in-flight", List.of(team), held, NOW.plusSeconds(600)));

        ReserveResult r = attempt(List.of(team), body, p);

        // THEN no sliver is taken from a held limit: refused (held: the admission waits and tries again)
        ReserveResult.Insufficient refused = assertInstanceOf(ReserveResult.Insufficient.class, r);
        assertTrue(!ClampedReserve.free(refused.tightest()), refused.toString());
        assertEquals(0, ledger.read(List.of(team), NOW).get(0).committed().compareTo(held), "only the call in flight");
    }

    @Test
    void noRoomForOneOutputToken_isRefused() {
        ObjectNode body = body();
        Prediction p = CostPredictor.predict(PRICE, body);
        BigDecimal inputOnly = CostPredictor.worstCase(PRICE, p.inputTokens(), 0, ServiceTier.STANDARD);
        BudgetLimit key = new BudgetLimit(Scope.KEY, "k", BudgetWindow.MONTH, inputOnly);

        assertInstanceOf(ReserveResult.Insufficient.class, attempt(List.of(key), body, p));
        assertEquals(0, ledger.read(List.of(key), NOW).get(0).committed().signum(), "nothing reserved");
    }

    private ReserveResult attempt(List<BudgetLimit> limits, ObjectNode body, Prediction p) {
        return ClampedReserve.attempt(
                ledger, "call", limits, PRICE, body, p, ServiceTier.STANDARD, HALF, NOW.plusSeconds(600));
    }

    private static ObjectNode body() {
        try {
            return (ObjectNode) new ObjectMapper()
                    .readTree("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
