package dev.tollgate.gateway.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.budget.BudgetLedger;
import dev.tollgate.gateway.budget.BudgetLimit;
import dev.tollgate.gateway.budget.ReserveResult;
import dev.tollgate.gateway.budget.Shortfall;
import dev.tollgate.gateway.errors.StoreUnavailableException;
import dev.tollgate.pricing.CostPredictor;
import dev.tollgate.pricing.ModelPrice;
import dev.tollgate.pricing.Prediction;
import dev.tollgate.pricing.ServiceTier;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One try at admitting a call (docs/budgets.md, "Clamp arithmetic"): reserve the worst case; if a budget
 * lacks room and the call has output to give up, reserve a share of what the tightest budget has left and
 * lower the request's output limit to what that share affords, up to {@link #ATTEMPTS} times, each sized
 * from the newest figure of what remains. A store that cannot be reached is {@link StoreUnavailable}.
 */
final class ClampedReserve {
    /** Clamped reservations tried after the worst case is refused. */
    static final int ATTEMPTS = 3;

    private static final Logger LOG = LoggerFactory.getLogger(ClampedReserve.class);

    private ClampedReserve() {}

    /**
     * @return {@link ReserveResult.Reserved} (with {@code body}'s output limit lowered when clamped), or the
     *     last {@link ReserveResult.Insufficient}
     */
    static ReserveResult attempt(
            BudgetLedger ledger,
            String requestId,
            List<BudgetLimit> limits,
            ModelPrice price,
            ObjectNode body,
            Prediction prediction,
            ServiceTier tier,
            BigDecimal share,
            Instant expires) {
        ReserveResult result = reserve(ledger, requestId, limits, prediction.maxCostUsd(), expires);
        if (result instanceof ReserveResult.Reserved || prediction.maxOutputTokens() < 1) {
            return result;
        }
        int choices = Math.max(1, body.path("n").asInt(1));
        ReserveResult.Insufficient shortfall = (ReserveResult.Insufficient) result;
        // Each refusal tells what the tightest budget has left (or, when the worst case alone exceeded a
        // limit and no round trip was made, only its upper bound): clamp to a share of it and try again.
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int clamped = clamped(price, prediction, tier, choices, budget(shortfall, share, false));
            if (clamped < 1) {
                // the share leaves room for calls arriving together; of a limit no call in flight holds (or one not
                // read), the last of it is this call's if it affords one output token: the ledger still admits the
                // amount atomically, so a call arriving meanwhile is refused, never let past the limit
                clamped = clamped(price, prediction, tier, choices, budget(shortfall, share, true));
            }
            if (clamped < 1) {
                break;
            }
            OutputLimit.set(body, clamped, price);
            BigDecimal amount = CostPredictor.worstCase(price, prediction.inputTokens(), clamped * choices, tier);
            ReserveResult again = reserve(ledger, requestId, limits, amount, expires);
            if (again instanceof ReserveResult.Reserved) {
                return again;
            }
            shortfall = (ReserveResult.Insufficient) again;
        }
        return shortfall;
    }

    /** The output tokens per choice {@code budget} affords, at most the request's own limit; 0 when none. */
    private static int clamped(
            ModelPrice price, Prediction prediction, ServiceTier tier, int choices, BigDecimal budget) {
        int affordable = CostPredictor.affordableOutputTokens(price, prediction.inputTokens(), budget, tier) / choices;
        return Math.min(affordable, Math.max(1, prediction.maxOutputTokens() / choices));
    }

    /**
     * What the clamp may reserve: the least, over the refusing limits, of a share of what each has left, or, with
     * {@code whole}, all of it for a limit that {@link #free} (a held limit keeps its share for the calls in flight).
     */
    private static BigDecimal budget(ReserveResult.Insufficient refused, BigDecimal share, boolean whole) {
        BigDecimal budget = null;
        for (Shortfall s : refused.shortfalls()) {
            BigDecimal room = s.remaining().max(BigDecimal.ZERO);
            BigDecimal mine = whole && free(s) ? room : room.multiply(share);
            budget = budget == null || mine.compareTo(budget) < 0 ? mine : budget;
        }
        return budget == null ? BigDecimal.ZERO : budget;
    }

    /**
     * Whether a refusing limit has nothing to hand back: no reservation of a call in flight holds any of it
     * ({@code committed == actual}, none in flight), or it was not read (the worst case alone exceeded it).
     */
    static boolean free(Shortfall s) {
        if (s.byRequests()) {
            return false;
        }
        return s.committed() == null || (s.committed().compareTo(s.actual()) <= 0 && s.inFlight() == 0);
    }

    /** The cost of the smallest form of the call: its input and one output token per choice (or all of it). */
    static BigDecimal smallest(ModelPrice price, ObjectNode body, Prediction prediction, ServiceTier tier) {
        if (prediction.maxOutputTokens() < 1) {
            return prediction.maxCostUsd();
        }
        return CostPredictor.worstCase(
                price, prediction.inputTokens(), Math.max(1, body.path("n").asInt(1)), tier);
    }

    private static ReserveResult reserve(
            BudgetLedger ledger, String requestId, List<BudgetLimit> limits, BigDecimal amount, Instant expires) {
        try {
            return ledger.reserve(requestId, limits, amount, expires);
        } catch (StoreUnavailableException e) {
            LOG.error("budget store unreachable while reserving {}: {}", requestId, e.toString());
            throw new StoreUnavailable();
        }
    }

    /** DynamoDB could not be reached while reserving: fail closed (503), or open where configured. */
    static final class StoreUnavailable extends RuntimeException {
        StoreUnavailable() {
            super("budget store unreachable", null, false, false);
        }
    }
}
