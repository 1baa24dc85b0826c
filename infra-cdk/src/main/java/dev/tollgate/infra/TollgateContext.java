package dev.tollgate.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
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
    static final String API_TIMEOUT_SECONDS = "apiTimeoutSeconds";
    static final String ALERT_EMAIL = "alertEmail";
    static final String LOG_IA_DAYS = "logIaDays";
    static final String LOG_EXPIRE_DAYS = "logExpireDays";
    static final String CONFIG_FILE = "configFile";
    static final String PRICES_FILE = "pricesFile";
    static final String ATHENA_BYTES_SCANNED_CUTOFF = "athenaBytesScannedCutoff";
    static final String ATHENA_QUERIES_DIR = "athenaQueriesDir";
    static final String SNAPSHOT_REVISION = "snapshotRevision";
    static final String BEDROCK_MODELS = "bedrockModels";
    static final String DESTROY_DATA = "destroyData";

    /** Relative to infra-cdk/, where the CDK CLI runs the app. */
    static final String DEFAULT_LAMBDA_JAR = "../functions/gateway/target/tollgate-lambda.jar";

    /** The proxy function's exec wrapper (a layer), beside the code it starts. */
    static final String STREAMING_WRAPPER_DIR = "../functions/gateway/src/main/lambda-wrapper";

    static final String DEFAULT_ATHENA_QUERIES_DIR = "../athena-queries";
    /** The table DDL: the stack creates the table itself (Glue), so it is no named query. */
    static final String TABLE_DDL_FILE = "create_spend_logs_table.sql";

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

    private TollgateContext() {}

    /**
     * @param context looks a context key up, returning null when it is unset
     * @throws IllegalArgumentException when a value is malformed or the Lambda jar is missing;
     *                                  the message is one line, fit to show the user as is
     */
    static TollgateStackProps read(final Function<String, Object> context) {
        return TollgateStackProps.builder()
                .stage(string(context, STAGE, "dev"))
                .lambdaCode(lambdaCode(Path.of(string(context, LAMBDA_JAR, DEFAULT_LAMBDA_JAR))))
                .streamingWrapper(streamingWrapper(Path.of(STREAMING_WRAPPER_DIR)))
                .logRetention(retention(integer(context, LOG_RETENTION_DAYS, 30)))
                .throttlingRateLimit(number(context, THROTTLING_RATE_LIMIT, 100))
                .throttlingBurstLimit(integer(context, THROTTLING_BURST_LIMIT, 200))
                .apiTimeoutSeconds(integer(context, API_TIMEOUT_SECONDS, 29))
                .alertEmail(optional(context, ALERT_EMAIL))
                .logIaDays(integer(context, LOG_IA_DAYS, 30))
                .logExpireDays(integer(context, LOG_EXPIRE_DAYS, 730))
                .configYaml(configYaml(optional(context, CONFIG_FILE)))
                .pricesFile(pricesFile(optional(context, PRICES_FILE)))
                .athenaBytesScannedCutoff(wholeNumber(context, ATHENA_BYTES_SCANNED_CUTOFF, 10L * 1024 * 1024 * 1024))
                .namedQueries(namedQueries(Path.of(string(context, ATHENA_QUERIES_DIR, DEFAULT_ATHENA_QUERIES_DIR))))
                .snapshotRevision(optional(context, SNAPSHOT_REVISION))
                .bedrockModels(list(optional(context, BEDROCK_MODELS)))
                .destroyData(bool(context, DESTROY_DATA))
                .build();
    }

    /** The gateway configuration: the file's text, or a configuration with no models. */
    static String configYaml(final String file) {
        if (file == null) {
            return TollgateStackProps.DEFAULT_CONFIG_YAML;
        }
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException(
                    CONFIG_FILE + " " + path.toAbsolutePath().normalize() + " not found");
        }
        return read(path);
    }

    static TollgateStackProps.S3Object pricesFile(final String uri) {
        return uri == null ? null : TollgateStackProps.S3Object.parse(uri);
    }

    /** Every {@code *.sql} report query in {@code dir} (not the table DDL): file name to text. */
    static Map<String, String> namedQueries(final Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("Athena queries directory "
                    + dir.toAbsolutePath().normalize() + " not found (pass -c " + ATHENA_QUERIES_DIR + "=PATH)");
        }
        Map<String, String> queries = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(Files::isRegularFile)
                    .map(Path::getFileName)
                    .map(Path::toString)
                    .filter(name -> name.endsWith(".sql") && !name.equals(TABLE_DDL_FILE))
                    .forEach(name -> queries.put(name, read(dir.resolve(name))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return queries;
    }

    private static String read(final Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "cannot read " + file.toAbsolutePath().normalize() + ": " + e.getMessage());
        }
    }

    static Code lambdaCode(final Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException(
                    "Lambda jar not found at " + jar.toAbsolutePath().normalize()
                            + ": run ./mvnw -pl functions/gateway -am package first (or pass -c "
                            + LAMBDA_JAR + "=PATH)");
        }
        return Code.fromAsset(jar.toString());
    }

    static Code streamingWrapper(final Path directory) {
        if (!Files.isExecutable(directory.resolve("tollgate-streaming"))) {
            throw new IllegalArgumentException("the proxy's exec wrapper is missing or not executable at "
                    + directory.resolve("tollgate-streaming").toAbsolutePath().normalize()
                    + ": run the app from infra-cdk/ in a checkout that keeps file modes");
        }
        return Code.fromAsset(directory.toString());
    }

    static RetentionDays retention(final int days) {
        RetentionDays retention = RETENTION.get(days);
        if (retention == null) {
            throw new IllegalArgumentException(LOG_RETENTION_DAYS + " must be one of " + RETENTION.keySet()
                    + " (CloudWatch Logs' periods), was " + days);
        }
        return retention;
    }

    private static String string(final Function<String, Object> context, final String key, final String fallback) {
        Object value = context.apply(key);
        return value == null ? fallback : value.toString().trim();
    }

    /** A comma-separated list (a JSON array from cdk.json arrives as its text form): the items, trimmed. */
    private static List<String> list(final String value) {
        if (value == null) {
            return List.of();
        }
        return Arrays.stream(value.replaceAll("[\\[\\]\"]", "").split(","))
                .map(String::trim)
                .filter(item -> !item.isEmpty())
                .toList();
    }

    /** {@code true} or {@code false} (a string from -c, a JSON boolean from cdk.json); unset is false. */
    private static boolean bool(final Function<String, Object> context, final String key) {
        Object value = context.apply(key);
        if (value == null) {
            return false;
        }
        String text = value.toString().trim();
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new IllegalArgumentException(key + " must be true or false, was '" + value + "'");
    }

    /** An unset or blank value is null. */
    private static String optional(final Function<String, Object> context, final String key) {
        Object value = context.apply(key);
        return value == null || value.toString().isBlank()
                ? null
                : value.toString().trim();
    }

    private static long wholeNumber(final Function<String, Object> context, final String key, final long fallback) {
        double value = number(context, key, fallback);
        if (value != Math.rint(value) || Math.abs(value) > Long.MAX_VALUE / 2) {
            throw new IllegalArgumentException(key + " must be a whole number, was " + context.apply(key));
        }
        return (long) value;
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
