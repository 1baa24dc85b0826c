package dev.tollgate.gateway.alerts;

import java.util.Locale;

/** What an alert announces. The wire name ({@link #code()}) is the lower-case constant name. */
public enum AlertType {
    /** A scope's spend in a window reached its soft budget (alert only, nothing is refused). */
    SOFT_BUDGET_CROSSED,
    /** A scope's spend reached a configured percentage of a hard budget ({@code settings.alerts.thresholds}). */
    THRESHOLD_CROSSED,
    /** A hard budget is used up: spend reached 100% of it, or a call was refused for lack of room. */
    HARD_BUDGET_REACHED,
    /** A virtual key expires soon. */
    KEY_EXPIRING;

    /** {@code soft_budget_crossed}, {@code threshold_crossed}, {@code hard_budget_reached}, {@code key_expiring}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The constant for a wire name. */
    public static AlertType fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
