package dev.tollgate.infra;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;
import software.amazon.awscdk.services.lambda.Code;

/**
 * The control plane's inputs (docs/analytics.md): the analytics artifact, which the report API, the
 * stream shipper and the analytics jobs run, and the database's maximum capacity.
 *
 * @param analyticsCode the shaded {@code tollgate-analytics-lambda.jar} (a stand-in in tests)
 * @param maxAcu        Aurora Serverless v2 maximum capacity (the minimum is 0: paused when idle)
 */
public record ControlPlaneProps(Code analyticsCode, double maxAcu) {

    /** Context key of the analytics jar. */
    static final String ANALYTICS_JAR = "analyticsJar";

    static final String DEFAULT_ANALYTICS_JAR = "../functions/analytics/target/tollgate-analytics-lambda.jar";

    /** Context key of the maximum ACU. */
    static final String MAX_ACU = "controlPlaneMaxAcu";

    public ControlPlaneProps {
        Objects.requireNonNull(analyticsCode, "analyticsCode");
        if (maxAcu < 1 || maxAcu > 256) {
            throw new IllegalArgumentException(MAX_ACU + " must be between 1 and 256: " + maxAcu);
        }
    }

    /** From the CDK context ({@code -c analyticsJar=…}, {@code -c controlPlaneMaxAcu=…}). */
    static ControlPlaneProps fromContext(final Function<String, Object> context) {
        Object jar = context.apply(ANALYTICS_JAR);
        Object acu = context.apply(MAX_ACU);
        return new ControlPlaneProps(
                TollgateContext.lambdaCode(Path.of(jar == null ? DEFAULT_ANALYTICS_JAR : jar.toString())),
                acu == null ? 4 : Double.parseDouble(acu.toString()));
    }
}
