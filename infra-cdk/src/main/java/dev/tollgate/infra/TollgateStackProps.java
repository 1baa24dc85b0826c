package dev.tollgate.infra;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * What varies between deployments of {@link TollgateStack}. Everything the app reads from disk
 * (the Lambda jar, the gateway configuration, the Athena queries) comes in here, so that tests pass
 * a tiny asset and their own values and the stack itself never touches the file system.
 *
 * @param stage                    deployment stage; also the API stage name. {@code prod} turns on
 *                                 the table's deletion protection and also retains the secrets, the
 *                                 alerts key, the dead-letter queue and the log groups
 * @param lambdaCode               the gateway Lambda artifact (the shaded jar in a real deploy)
 * @param streamingWrapper         the proxy function's exec-wrapper layer: a directory holding the executable
 *                                 {@code tollgate-streaming} (functions/gateway/src/main/lambda-wrapper)
 * @param logRetention             retention of every log group of the stack
 * @param throttlingRateLimit      API stage steady-state requests per second
 * @param throttlingBurstLimit     API stage burst capacity
 * @param apiTimeoutSeconds        API Gateway's integration timeout; above 29 needs a quota increase
 * @param alertEmail               e-mail address subscribed to the alerts topic; null for none
 * @param logIaDays                days before spend-log objects move to S3 Infrequent Access
 * @param logExpireDays            days before spend-log objects are deleted
 * @param configYaml               the gateway's tollgate.yml (no secrets: {@code ${NAME}} references)
 * @param pricesFile               a newer LiteLLM-format price map in S3; null for the bundled one
 * @param athenaBytesScannedCutoff the Athena workgroup's per-query scan limit, in bytes
 * @param namedQueries             Athena report queries: file name to SQL text
 * @param snapshotRevision         any value; changing it publishes new function versions (a new
 *                                 SnapStart snapshot reads the secrets again). Null for none
 * @param bedrockModels            Bedrock model ids and inference profile ids the proxy may invoke
 * @param destroyData              delete the table, the spend-log bucket and the access-log bucket
 *                                 (emptied first) with the stack. Off by default: they are retained
 *                                 on every stage. Refused on {@code prod}
 */
public record TollgateStackProps(
        String stage,
        Code lambdaCode,
        Code streamingWrapper,
        RetentionDays logRetention,
        double throttlingRateLimit,
        int throttlingBurstLimit,
        int apiTimeoutSeconds,
        String alertEmail,
        int logIaDays,
        int logExpireDays,
        String configYaml,
        S3Object pricesFile,
        long athenaBytesScannedCutoff,
        Map<String, String> namedQueries,
        String snapshotRevision,
        List<String> bedrockModels,
        boolean destroyData) {

    public static final String PROD_STAGE = "prod";

    /** The configuration used when no {@code configFile} is given: valid, and no models. */
    public static final String DEFAULT_CONFIG_YAML = "# No configFile given at synth time: no models. "
            + "Deploy with -c configFile=tollgate.yml to add them.\nmodels: []\n";

    /**
     * Lambda allows 4 KB of environment variables per function in total. The configuration travels
     * in one of them, beside the others: the control plane's report function carries the most, about 1.05 KB
     * resolved (16 variables: the database URL, three ARNs, table and bucket names, the wrapper); this leaves
     * room for those with some 150 bytes to spare. (It was 3,300 when the proxy's ~500 bytes were the most.)
     */
    public static final int MAX_CONFIG_YAML_BYTES = 2_900;

    /** Athena's smallest per-query cutoff (10 MB). */
    public static final long MIN_BYTES_SCANNED_CUTOFF = 10L * 1024 * 1024;

    /** S3 only moves objects to Standard-IA after at least 30 days. */
    public static final int MIN_IA_DAYS = 30;

    /** API Gateway stage names: letters, digits, hyphens and underscores. */
    private static final Pattern STAGE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private static final Pattern BEDROCK_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,200}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    public TollgateStackProps {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(lambdaCode, "lambdaCode");
        Objects.requireNonNull(streamingWrapper, "streamingWrapper");
        Objects.requireNonNull(logRetention, "logRetention");
        Objects.requireNonNull(configYaml, "configYaml");
        namedQueries = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(namedQueries, "namedQueries")));
        bedrockModels = List.copyOf(Objects.requireNonNull(bedrockModels, "bedrockModels"));
        for (String model : bedrockModels) {
            require(
                    BEDROCK_ID.matcher(model).matches(),
                    "bedrockModels: '" + model
                            + "' is not a Bedrock model or inference profile id (e.g. anthropic.claude-3-5-haiku-20241022-v1:0)");
        }
        require(
                !(destroyData && PROD_STAGE.equals(stage)),
                "destroyData is refused on the " + PROD_STAGE + " stage: its data is always retained");
        require(STAGE_NAME.matcher(stage).matches(), "stage '" + stage + "' must be 1-64 letters, digits, '-' or '_'");
        require(throttlingRateLimit > 0, "throttlingRateLimit must be > 0, was " + throttlingRateLimit);
        require(throttlingBurstLimit >= 1, "throttlingBurstLimit must be >= 1, was " + throttlingBurstLimit);
        require(
                apiTimeoutSeconds >= 1 && apiTimeoutSeconds < FunctionsConstruct.PROXY_TIMEOUT_SECONDS,
                "apiTimeoutSeconds must be 1-" + (FunctionsConstruct.PROXY_TIMEOUT_SECONDS - 1)
                        + " (below the proxy function's timeout), was " + apiTimeoutSeconds);
        require(
                alertEmail == null || EMAIL.matcher(alertEmail).matches(),
                "alertEmail '" + alertEmail + "' is not an e-mail address");
        require(
                logIaDays >= MIN_IA_DAYS,
                "logIaDays must be >= " + MIN_IA_DAYS + " (S3's minimum for Infrequent Access), was " + logIaDays);
        require(
                logExpireDays > logIaDays,
                "logExpireDays (" + logExpireDays + ") must be greater than logIaDays (" + logIaDays + ")");
        int configBytes = configYaml.getBytes(StandardCharsets.UTF_8).length;
        require(
                !configYaml.isBlank(),
                "the gateway configuration is empty (an empty TOLLGATE_CONFIG_YAML "
                        + "would fall back to the mock models): give it 'models: []' at least");
        require(
                configBytes <= MAX_CONFIG_YAML_BYTES,
                "the gateway configuration is " + configBytes
                        + " bytes; it travels in a Lambda environment variable (4 KB in all), so keep it under "
                        + MAX_CONFIG_YAML_BYTES + " bytes");
        require(
                athenaBytesScannedCutoff >= MIN_BYTES_SCANNED_CUTOFF,
                "athenaBytesScannedCutoff must be >= " + MIN_BYTES_SCANNED_CUTOFF + " (Athena's minimum, 10 MB), was "
                        + athenaBytesScannedCutoff);
    }

    private static void require(final boolean condition, final String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    public boolean isProd() {
        return PROD_STAGE.equals(stage);
    }

    /**
     * What happens to the data (the table, the spend-log bucket, the access-log bucket) when the
     * stack is deleted or a change replaces them: kept unless the deployer asked for deletion.
     */
    public RemovalPolicy dataRemovalPolicy() {
        return destroyData ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * An object in S3, from an {@code s3://bucket/key} URI.
     *
     * @param bucket the bucket name
     * @param key    the object key (no leading slash)
     */
    public record S3Object(String bucket, String key) {
        private static final Pattern URI = Pattern.compile("s3://([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])/(.+)");

        public static S3Object parse(final String uri) {
            Matcher m = URI.matcher(uri.trim());
            if (!m.matches() || m.group(2).contains("*")) {
                throw new IllegalArgumentException(
                        "pricesFile must be an S3 URI of one object, " + "s3://BUCKET/KEY, was '" + uri + "'");
            }
            return new S3Object(m.group(1), m.group(2));
        }

        public String uri() {
            return "s3://" + bucket + "/" + key;
        }
    }

    /** Defaults match the context defaults documented in docs/infrastructure.md. */
    public static final class Builder {
        private String stage = "dev";
        private Code lambdaCode;
        private Code streamingWrapper;
        private RetentionDays logRetention = RetentionDays.ONE_MONTH;
        private double throttlingRateLimit = 100;
        private int throttlingBurstLimit = 200;
        private int apiTimeoutSeconds = 29;
        private String alertEmail;
        private int logIaDays = 30;
        private int logExpireDays = 730;
        private String configYaml = DEFAULT_CONFIG_YAML;
        private S3Object pricesFile;
        private long athenaBytesScannedCutoff = 10L * 1024 * 1024 * 1024;
        private Map<String, String> namedQueries = Map.of();
        private String snapshotRevision;
        private List<String> bedrockModels = List.of();
        private boolean destroyData;

        private Builder() {}

        public Builder stage(final String value) {
            this.stage = value;
            return this;
        }

        public Builder lambdaCode(final Code value) {
            this.lambdaCode = value;
            return this;
        }

        public Builder streamingWrapper(final Code value) {
            this.streamingWrapper = value;
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

        public Builder apiTimeoutSeconds(final int value) {
            this.apiTimeoutSeconds = value;
            return this;
        }

        public Builder alertEmail(final String value) {
            this.alertEmail = value;
            return this;
        }

        public Builder logIaDays(final int value) {
            this.logIaDays = value;
            return this;
        }

        public Builder logExpireDays(final int value) {
            this.logExpireDays = value;
            return this;
        }

        public Builder configYaml(final String value) {
            this.configYaml = value;
            return this;
        }

        public Builder pricesFile(final S3Object value) {
            this.pricesFile = value;
            return this;
        }

        public Builder athenaBytesScannedCutoff(final long value) {
            this.athenaBytesScannedCutoff = value;
            return this;
        }

        public Builder namedQueries(final Map<String, String> value) {
            this.namedQueries = value;
            return this;
        }

        public Builder snapshotRevision(final String value) {
            this.snapshotRevision = value;
            return this;
        }

        public Builder bedrockModels(final List<String> value) {
            this.bedrockModels = value;
            return this;
        }

        public Builder destroyData(final boolean value) {
            this.destroyData = value;
            return this;
        }

        public TollgateStackProps build() {
            return new TollgateStackProps(
                    stage,
                    lambdaCode,
                    streamingWrapper,
                    logRetention,
                    throttlingRateLimit,
                    throttlingBurstLimit,
                    apiTimeoutSeconds,
                    alertEmail,
                    logIaDays,
                    logExpireDays,
                    configYaml,
                    pricesFile,
                    athenaBytesScannedCutoff,
                    namedQueries,
                    snapshotRevision,
                    bedrockModels,
                    destroyData);
        }
    }
}
