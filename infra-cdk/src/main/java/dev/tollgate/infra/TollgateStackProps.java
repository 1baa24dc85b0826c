package dev.tollgate.infra;

import java.util.Objects;
import java.util.regex.Pattern;

import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * What varies between deployments of {@link TollgateStack}. The Lambda {@link Code} comes in
 * from outside so that tests can pass a tiny asset and never need the built jar.
 *
 * @param stage                 deployment stage; also the API Gateway stage name. {@code prod}
 *                              turns on deletion protection and retains data on stack deletion
 * @param lambdaCode            the gateway Lambda artifact (the shaded jar in a real deploy)
 * @param logRetention          retention of the function and access log groups
 * @param throttlingRateLimit   API stage steady-state requests per second
 * @param throttlingBurstLimit  API stage burst capacity
 */
public record TollgateStackProps(
        String stage,
        Code lambdaCode,
        RetentionDays logRetention,
        double throttlingRateLimit,
        int throttlingBurstLimit) {

    public static final String PROD_STAGE = "prod";

    /** API Gateway stage names: letters, digits, hyphens and underscores. */
    private static final Pattern STAGE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public TollgateStackProps {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(lambdaCode, "lambdaCode");
        Objects.requireNonNull(logRetention, "logRetention");
        if (!STAGE_NAME.matcher(stage).matches()) {
            throw new IllegalArgumentException(
                    "stage '" + stage + "' must be 1-64 letters, digits, '-' or '_'");
        }
        if (!(throttlingRateLimit > 0)) {
            throw new IllegalArgumentException("throttlingRateLimit must be > 0, was " + throttlingRateLimit);
        }
        if (throttlingBurstLimit < 1) {
            throw new IllegalArgumentException("throttlingBurstLimit must be >= 1, was " + throttlingBurstLimit);
        }
    }

    public boolean isProd() {
        return PROD_STAGE.equals(stage);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Defaults match the context defaults documented in docs/infrastructure.md. */
    public static final class Builder {
        private String stage = "dev";
        private Code lambdaCode;
        private RetentionDays logRetention = RetentionDays.ONE_MONTH;
        private double throttlingRateLimit = 100;
        private int throttlingBurstLimit = 200;

        private Builder() {
        }

        public Builder stage(final String value) {
            this.stage = value;
            return this;
        }

        public Builder lambdaCode(final Code value) {
            this.lambdaCode = value;
            return this;
        }

        public Builder logRetention(final RetentionDays value) {
            this.logRetention = value;
            return this;
        }

        public Builder throttlingRateLimit(final double value) {
            this.throttlingRateLimit = value;
            return this;
        }

        public Builder throttlingBurstLimit(final int value) {
            this.throttlingBurstLimit = value;
            return this;
        }

        public TollgateStackProps build() {
            return new TollgateStackProps(
                    stage, lambdaCode, logRetention, throttlingRateLimit, throttlingBurstLimit);
        }
    }
}
