package dev.tollgate.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
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
        assertEquals(29, props.apiTimeoutSeconds());
        assertEquals(null, props.alertEmail());
        assertEquals(30, props.logIaDays());
        assertEquals(730, props.logExpireDays());
        assertEquals(TollgateStackProps.DEFAULT_CONFIG_YAML, props.configYaml());
        assertEquals(null, props.pricesFile());
        assertEquals(10L * 1024 * 1024 * 1024, props.athenaBytesScannedCutoff());
        assertEquals(null, props.snapshotRevision());
        assertFalse(props.destroyData());
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
        TollgateStackProps props = TollgateContext.read(
                context(Map.of("lambdaJar", jar.toString(), "logRetentionDays", 7, "throttlingBurstLimit", 50.0)));

        assertEquals(RetentionDays.ONE_WEEK, props.logRetention());
        assertEquals(50, props.throttlingBurstLimit());
    }

    @Test
    void read_whenLambdaJarIsMissing_failsWithOneLineBuildHint() {
        Path missing = dir.resolve("nope/tollgate-lambda.jar");

        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> TollgateContext.read(context(Map.of("lambdaJar", missing.toString()))));

        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("./mvnw -pl functions/gateway -am package"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
    }

    @Test
    void read_withRetentionCloudWatchDoesNotOffer_listsTheAllowedValues() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> TollgateContext.read(context(Map.of("lambdaJar", jar.toString(), "logRetentionDays", "31"))));

        assertTrue(e.getMessage().contains("[1, 3, 5, 7, 14, 30,"), e.getMessage());
    }

    @Test
    void read_withStageApiGatewayCannotName_isRejected() {
        assertThrows(
                IllegalArgumentException.class,
                () -> TollgateContext.read(context(Map.of("lambdaJar", jar.toString(), "stage", "my stage"))));
    }

    @Test
    void read_withFractionalBurst_isRejected() {
        assertThrows(
                IllegalArgumentException.class,
                () -> TollgateContext.read(
                        context(Map.of("lambdaJar", jar.toString(), "throttlingBurstLimit", "2.5"))));
    }

    @Test
    void read_withEveryOptionalKey_setsThemAll() throws IOException {
        Path config = Files.writeString(dir.resolve("tollgate.yml"), "models: []\n");
        TollgateStackProps props = TollgateContext.read(context(Map.of(
                "lambdaJar", jar.toString(),
                "alertEmail", "ops@example.com",
                "logIaDays", "60",
                "logExpireDays", "365",
                "configFile", config.toString(),
                "pricesFile", "s3://my-prices/maps/prices.json",
                "athenaBytesScannedCutoff", "1073741824",
                "apiTimeoutSeconds", "90",
                "snapshotRevision", "2026-03-01")));

        assertEquals("ops@example.com", props.alertEmail());
        assertEquals(60, props.logIaDays());
        assertEquals(365, props.logExpireDays());
        assertEquals("models: []\n", props.configYaml());
        assertEquals(new TollgateStackProps.S3Object("my-prices", "maps/prices.json"), props.pricesFile());
        assertEquals(1_073_741_824L, props.athenaBytesScannedCutoff());
        assertEquals(90, props.apiTimeoutSeconds());
        assertEquals("2026-03-01", props.snapshotRevision());
    }

    @Test
    void read_bedrockModels_asCommaSeparatedList() {
        TollgateStackProps props = TollgateContext.read(context(Map.of(
                "lambdaJar",
                jar.toString(),
                "bedrockModels",
                " anthropic.claude-3-5-haiku-20241022-v1:0, us.anthropic.claude-sonnet-4-5-20250929-v1:0 ")));

        assertEquals(
                List.of("anthropic.claude-3-5-haiku-20241022-v1:0", "us.anthropic.claude-sonnet-4-5-20250929-v1:0"),
                props.bedrockModels());
    }

    @Test
    void read_bedrockModelsWithAWildcard_isRejected() {
        assertThrows(
                IllegalArgumentException.class,
                () -> TollgateContext.read(
                        context(Map.of("lambdaJar", jar.toString(), "bedrockModels", "anthropic.*"))));
    }

    @Test
    void namedQueries_areTheReportFiles_notTheTableDdl() throws IOException {
        Path queries = Files.createDirectories(dir.resolve("queries"));
        Files.writeString(queries.resolve("spend_by_team.sql"), "-- by team\nSELECT 1\n");
        Files.writeString(queries.resolve("create_spend_logs_table.sql"), "CREATE EXTERNAL TABLE x (a int)");
        Files.writeString(queries.resolve("README.md"), "not a query");

        assertEquals(Map.of("spend_by_team.sql", "-- by team\nSELECT 1\n"), TollgateContext.namedQueries(queries));
    }

    @Test
    void read_whenConfigFileIsMissing_namesIt() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> TollgateContext.read(
                        context(Map.of("lambdaJar", jar.toString(), "configFile", "nope/tollgate.yml"))));

        assertTrue(e.getMessage().contains("nope/tollgate.yml"), e.getMessage());
    }

    @Test
    void read_withConfigTooBigForLambdasEnvironment_isRejected() throws IOException {
        Path big = Files.writeString(dir.resolve("big.yml"), "models: []\n" + "#".repeat(4000) + "\n");

        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> TollgateContext.read(context(Map.of("lambdaJar", jar.toString(), "configFile", big.toString()))));

        assertTrue(e.getMessage().contains("4 KB"), e.getMessage());
    }

    @Test
    void read_withPricesFileThatIsNoS3ObjectUri_isRejected() {
        for (String uri : List.of("https://example.com/prices.json", "s3://bucket-only", "s3://b/prices/*")) {
            assertThrows(
                    IllegalArgumentException.class,
                    () -> TollgateContext.read(context(Map.of("lambdaJar", jar.toString(), "pricesFile", uri))),
                    uri);
        }
    }

    @Test
    void read_withExpiryNotAfterInfrequentAccess_isRejected() {
        assertThrows(
                IllegalArgumentException.class,
                () -> TollgateContext.read(
                        context(Map.of("lambdaJar", jar.toString(), "logIaDays", "90", "logExpireDays", "90"))));
    }

    @Test
    void read_withInfrequentAccessBeforeS3sMinimum_isRejected() {
        assertThrows(
                IllegalArgumentException.class,
                () -> TollgateContext.read(context(Map.of("lambdaJar", jar.toString(), "logIaDays", "7"))));
    }

    @Test
    void read_withCutoffBelowAthenasMinimum_isRejected() {
        assertThrows(
                IllegalArgumentException.class,
                () -> TollgateContext.read(
                        context(Map.of("lambdaJar", jar.toString(), "athenaBytesScannedCutoff", "1000"))));
    }

    @Test
    void read_withMalformedAlertEmail_isRejected() {
        assertThrows(
                IllegalArgumentException.class,
                () -> TollgateContext.read(
                        context(Map.of("lambdaJar", jar.toString(), "alertEmail", "ops at example"))));
    }

    @Test
    void read_withApiTimeoutNotBelowTheProxyTimeout_isRejected() {
        assertThrows(
                IllegalArgumentException.class,
                () -> TollgateContext.read(context(Map.of("lambdaJar", jar.toString(), "apiTimeoutSeconds", "120"))));
    }

    @Test
    void read_destroyData_fromTheCommandLine_orCdkJson() {
        // GIVEN `-c destroyData=true` (a string) and "destroyData": true in cdk.json (a JSON boolean)
        TollgateStackProps fromCli =
                TollgateContext.read(context(Map.of("lambdaJar", jar.toString(), "destroyData", "true")));
        TollgateStackProps fromJson =
                TollgateContext.read(context(Map.of("lambdaJar", jar.toString(), "destroyData", true)));

        // THEN both ask for the data to be deleted with the stack
        assertTrue(fromCli.destroyData());
        assertTrue(fromJson.destroyData());
    }

    @Test
    void read_destroyDataNeitherTrueNorFalse_isRejected() {
        // A typo must not decide whether a team's spend history survives `cdk destroy`.
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> TollgateContext.read(context(Map.of("lambdaJar", jar.toString(), "destroyData", "yes"))));

        assertEquals("destroyData must be true or false, was 'yes'", e.getMessage());
    }

    @Test
    void read_destroyDataOnProd_isRejected() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> TollgateContext.read(
                        context(Map.of("lambdaJar", jar.toString(), "stage", "prod", "destroyData", "true"))));

        assertTrue(e.getMessage().startsWith("destroyData is refused on the prod stage"), e.getMessage());
    }

    private static java.util.function.Function<String, Object> context(final Map<String, Object> values) {
        return new HashMap<>(values)::get;
    }
}
