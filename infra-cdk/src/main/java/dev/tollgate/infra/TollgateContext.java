package dev.tollgate.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * Turns CDK context ({@code cdk.json} "context" or {@code -c key=value}) into
 * {@link TollgateStackProps}. Values from {@code -c} arrive as strings, values from cdk.json
 * as JSON numbers; both are accepted.
 */
final class TollgateContext {

    static final String STAGE = "stage";
    static final String LAMBDA_JAR = "lambdaJar";
    static final String LOG_RETENTION_DAYS = "logRetentionDays";
    static final String THROTTLING_RATE_LIMIT = "throttlingRateLimit";
    static final String THROTTLING_BURST_LIMIT = "throttlingBurstLimit";

    /** Relative to infra-cdk/, where the CDK CLI runs the app. */
    static final String DEFAULT_LAMBDA_JAR = "../functions/gateway/target/tollgate-lambda.jar";

    /** CloudWatch Logs accepts only these retention periods. */
    private static final Map<Integer, RetentionDays> RETENTION = new TreeMap<>(Map.ofEntries(
            Map.entry(1, RetentionDays.ONE_DAY),
            Map.entry(3, RetentionDays.THREE_DAYS),
            Map.entry(5, RetentionDays.FIVE_DAYS),
            Map.entry(7, RetentionDays.ONE_WEEK),
            Map.entry(14, RetentionDays.TWO_WEEKS),
            Map.entry(30, RetentionDays.ONE_MONTH),
            Map.entry(60, RetentionDays.TWO_MONTHS),
            Map.entry(90, RetentionDays.THREE_MONTHS),
            Map.entry(120, RetentionDays.FOUR_MONTHS),
            Map.entry(150, RetentionDays.FIVE_MONTHS),
            Map.entry(180, RetentionDays.SIX_MONTHS),
            Map.entry(365, RetentionDays.ONE_YEAR),
            Map.entry(400, RetentionDays.THIRTEEN_MONTHS),
            Map.entry(545, RetentionDays.EIGHTEEN_MONTHS),
            Map.entry(731, RetentionDays.TWO_YEARS),
            Map.entry(1096, RetentionDays.THREE_YEARS),
            Map.entry(1827, RetentionDays.FIVE_YEARS),
            Map.entry(2192, RetentionDays.SIX_YEARS),
            Map.entry(2557, RetentionDays.SEVEN_YEARS),
            Map.entry(2922, RetentionDays.EIGHT_YEARS),
            Map.entry(3288, RetentionDays.NINE_YEARS),
            Map.entry(3653, RetentionDays.TEN_YEARS)));

    private TollgateContext() {
    }

    /**
     * @param context looks a context key up, returning null when it is unset
     * @throws IllegalArgumentException when a value is malformed or the Lambda jar is missing;
     *                                  the message is one line, fit to show the user as is
     */
    static TollgateStackProps read(final Function<String, Object> context) {
        return TollgateStackProps.builder()
                .stage(string(context, STAGE, "dev"))
                .lambdaCode(lambdaCode(Path.of(string(context, LAMBDA_JAR, DEFAULT_LAMBDA_JAR))))
                .logRetention(retention(integer(context, LOG_RETENTION_DAYS, 30)))
                .throttlingRateLimit(number(context, THROTTLING_RATE_LIMIT, 100))
                .throttlingBurstLimit(integer(context, THROTTLING_BURST_LIMIT, 200))
                .build();
    }

    static Code lambdaCode(final Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("Lambda jar not found at " + jar.toAbsolutePath().normalize()
                    + ": run ./mvnw -pl functions/gateway -am package first (or pass -c "
                    + LAMBDA_JAR + "=PATH)");
        }
        return Code.fromAsset(jar.toString());
    }

    static RetentionDays retention(final int days) {
        RetentionDays retention = RETENTION.get(days);
        if (retention == null) {
            throw new IllegalArgumentException(LOG_RETENTION_DAYS + " must be one of "
                    + RETENTION.keySet() + " (CloudWatch Logs' periods), was " + days);
        }
        return retention;
    }

    private static String string(final Function<String, Object> context, final String key, final String fallback) {
        Object value = context.apply(key);
        return value == null ? fallback : value.toString().trim();
    }

    private static double number(final Function<String, Object> context, final String key, final double fallback) {
        Object value = context.apply(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, was '" + value + "'");
        }
    }

    private static int integer(final Function<String, Object> context, final String key, final int fallback) {
        double value = number(context, key, fallback);
        if (value != Math.rint(value) || Math.abs(value) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(key + " must be a whole number, was " + context.apply(key));
        }
        return (int) value;
    }
}
