package dev.tollgate.gateway.config;

import java.util.List;
import java.util.TreeSet;

/**
 * The {@code settings.alerts} block of {@code tollgate.yml} (docs/alerts.md). Where alerts go (SNS
 * topic, webhook) is deployment wiring and lives in the {@code tollgate.alerts.*} properties instead.
 *
 * @param thresholds           percentages of each hard budget that raise an alert once per window;
 *                             100 is "hard budget reached". Whole numbers 1 to 100; default {@code [80, 100]};
 *                             an empty list turns threshold alerts off (soft budgets still alert)
 * @param keyExpiryWarningDays how long before a key expires it is announced; default 7
 * @param historyDays          how long fired alerts stay listable by {@code GET /alerts}; default 90
 */
public record AlertSettings(List<Integer> thresholds, Integer keyExpiryWarningDays, Integer historyDays) {

    public static final List<Integer> DEFAULT_THRESHOLDS = List.of(80, 100);
    public static final AlertSettings DEFAULT = new AlertSettings(null, null, null);

    public AlertSettings {
        if (thresholds != null) {
            for (Integer t : thresholds) {
                if (t == null || t < 1 || t > 100) {
                    throw new IllegalArgumentException(
                            "settings.alerts.thresholds: " + t + " is not a whole percentage from 1 to 100");
                }
            }
            thresholds = List.copyOf(new TreeSet<>(thresholds));
        }
        if (keyExpiryWarningDays != null && keyExpiryWarningDays < 0) {
            throw new IllegalArgumentException("settings.alerts.key_expiry_warning_days must not be negative");
        }
        if (historyDays != null && historyDays < 1) {
            throw new IllegalArgumentException("settings.alerts.history_days must be at least 1");
        }
    }

    /** The thresholds in force, ascending, without duplicates. */
    public List<Integer> thresholdsOrDefault() {
        return thresholds == null ? DEFAULT_THRESHOLDS : thresholds;
    }

    public int keyExpiryWarning() {
        return keyExpiryWarningDays == null ? 7 : keyExpiryWarningDays;
    }

    public int history() {
        return historyDays == null ? 90 : historyDays;
    }
}
