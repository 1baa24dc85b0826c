package dev.tollgate.gateway.budget;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * The gateway's global calendar-month budget as set at runtime ({@code POST /api/v1/budgets} with
 * {@code entity_type: global}): one item the proxy reads (cached for {@code tollgate.auth.cache-seconds}),
 * so a new value is enforced without a redeploy. While nothing was set, {@code settings.budgets.global}
 * in tollgate.yml applies; once set, this value replaces that file's {@code 1mo} global budget (its
 * other windows stay), and {@link #clear()} hands back to the file.
 */
public interface GlobalBudgets {

    /** The value set at runtime, or empty when none is (then tollgate.yml's applies). */
    Optional<Monthly> current();

    /** Sets the monthly hard limit and soft alert (either may be null: no limit, no alert). */
    void set(Monthly budget);

    /** Removes the runtime value: tollgate.yml's global budget applies again. */
    void clear();

    /**
     * @param hardLimit USD the gateway refuses calls past, this calendar month; null for none
     * @param softLimit USD at which the soft-budget alert fires; null for none
     */
    record Monthly(BigDecimal hardLimit, BigDecimal softLimit) {}
}
