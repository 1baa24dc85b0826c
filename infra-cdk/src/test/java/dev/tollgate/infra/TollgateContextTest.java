package dev.tollgate.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awscdk.services.logs.RetentionDays;

class TollgateContextTest {

    @TempDir
    static Path dir;

    private static Path jar;

    @BeforeAll
    static void dummyJar() throws IOException {
        jar = Files.writeString(dir.resolve("tollgate-lambda.jar"), "placeholder");
    }

    @Test
    void read_withOnlyTheJar_usesDocumentedDefaults() {
        TollgateStackProps props = TollgateContext.read(context(Map.of("lambdaJar", jar.toString())));

        assertEquals("dev", props.stage());
        assertFalse(props.isProd());
        assertEquals(RetentionDays.ONE_MONTH, props.logRetention());
        assertEquals(100.0, props.throttlingRateLimit());
        assertEquals(200, props.throttlingBurstLimit());
    }

    @Test
    void read_withCommandLineStrings_parsesNumbers() {
        // GIVEN values as `cdk -c key=value` passes them: strings
        TollgateStackProps props = TollgateContext.read(context(Map.of(
                "lambdaJar", jar.toString(),
                "stage", "prod",
                "logRetentionDays", "365",
                "throttlingRateLimit", "12.5",
                "throttlingBurstLimit", "25")));

        assertTrue(props.isProd());
        assertEquals(RetentionDays.ONE_YEAR, props.logRetention());
        assertEquals(12.5, props.throttlingRateLimit());
        assertEquals(25, props.throttlingBurstLimit());
    }

    @Test
    void read_withJsonNumbersFromCdkJson_parsesNumbers() {
        TollgateStackProps props = TollgateContext.read(context(Map.of(
                "lambdaJar", jar.toString(),
                "logRetentionDays", 7,
                "throttlingBurstLimit", 50.0)));

        assertEquals(RetentionDays.ONE_WEEK, props.logRetention());
        assertEquals(50, props.throttlingBurstLimit());
    }

    @Test
    void read_whenLambdaJarIsMissing_failsWithOneLineBuildHint() {
        Path missing = dir.resolve("nope/tollgate-lambda.jar");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TollgateContext.read(context(Map.of("lambdaJar", missing.toString()))));

        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("./mvnw -pl functions/gateway -am package"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
    }

    @Test
    void read_withRetentionCloudWatchDoesNotOffer_listsTheAllowedValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TollgateContext.read(context(Map.of("lambdaJar", jar.toString(), "logRetentionDays", "31"))));

        assertTrue(e.getMessage().contains("[1, 3, 5, 7, 14, 30,"), e.getMessage());
    }

    @Test
    void read_withStageApiGatewayCannotName_isRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> TollgateContext.read(context(Map.of("lambdaJar", jar.toString(), "stage", "my stage"))));
    }

    @Test
    void read_withFractionalBurst_isRejected() {
        assertThrows(IllegalArgumentException.class, () -> TollgateContext.read(context(Map.of(
                "lambdaJar", jar.toString(), "throttlingBurstLimit", "2.5"))));
    }

    private static java.util.function.Function<String, Object> context(final Map<String, Object> values) {
        return new HashMap<>(values)::get;
    }
}
