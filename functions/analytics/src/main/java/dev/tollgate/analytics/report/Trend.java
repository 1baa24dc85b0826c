package dev.tollgate.analytics.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * The direction of a daily cost series, by a stated test rather than a hunch: an ordinary
 * least-squares line through (day index, cost). The trend is {@code increasing} or
 * {@code decreasing} only when the slope is significant (|t| ≥ 2, about 95% for a month of days)
 * <em>and</em> the fitted line moves by at least 5% of its starting value over the window; otherwise
 * {@code stable}. {@code percent_change} is that fitted move (null when the fitted start is not above 0).
 */
public record Trend(String direction, BigDecimal percentChange, BigDecimal slopePerDay, BigDecimal tStatistic) {

    static final String TEST = "OLS slope of daily cost; increasing/decreasing when |t| >= 2 and the fitted line"
            + " moves >= 5% over the window, else stable";

    public static Trend of(List<BigDecimal> costs) {
        int n = costs.size();
        double[] y = costs.stream().mapToDouble(BigDecimal::doubleValue).toArray();
        double meanX = (n - 1) / 2.0;
        double meanY = java.util.Arrays.stream(y).average().orElse(0);
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            sxx += (i - meanX) * (i - meanX);
            sxy += (i - meanX) * (y[i] - meanY);
        }
        double slope = sxx == 0 ? 0 : sxy / sxx;
        double intercept = meanY - slope * meanX;
        double residuals = 0;
        for (int i = 0; i < n; i++) {
            double e = y[i] - (intercept + slope * i);
            residuals += e * e;
        }
        double se = n > 2 && sxx > 0 ? Math.sqrt(residuals / (n - 2) / sxx) : 0;
        double t = se == 0 ? (slope == 0 ? 0 : Math.copySign(Double.MAX_VALUE, slope)) : slope / se;
        double start = intercept;
        double end = intercept + slope * (n - 1);
        Double change = start > 0 ? (end - start) / start * 100 : null;
        boolean moved = change == null ? slope != 0 : Math.abs(change) >= 5;
        String direction = Math.abs(t) >= 2 && moved ? (slope > 0 ? "increasing" : "decreasing") : "stable";
        return new Trend(
                direction,
                change == null ? null : BigDecimal.valueOf(change).setScale(2, RoundingMode.HALF_EVEN),
                BigDecimal.valueOf(slope).setScale(12, RoundingMode.HALF_EVEN).stripTrailingZeros(),
                Double.isFinite(t) && Math.abs(t) < 1e9
                        ? BigDecimal.valueOf(t).setScale(3, RoundingMode.HALF_EVEN)
                        : null);
    }
}
