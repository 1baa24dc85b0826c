package dev.tollgate.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * The stacks the stack tests check, synthesized once per JVM (the first synth takes seconds;
 * surefire runs all test classes in one JVM): {@code dev} with every default, {@code prod} with
 * every optional context value set, and a throwaway stack that asks for its data to be deleted.
 * Plus helpers to read the templates.
 */
final class Stacks {

    static final Path ATHENA_QUERIES = Path.of("../athena-queries");
    /** The real wrapper directory: a few hundred bytes, and its mode is what the layer must keep. */
    static final Path WRAPPER = Path.of(TollgateContext.STREAMING_WRAPPER_DIR);

    static final String ALERT_EMAIL = "ops@example.com";
    static final String PRICES_URI = "s3://tollgate-prices-example/prices/model_prices.json";
    static final String PROD_CONFIG = """
            models:
              - name: gpt-4o
                api_base: https://api.openai.com/v1
                api_key: ${OPENAI_API_KEY}
            """;

    static final List<String> BEDROCK_MODELS =
            List.of("anthropic.claude-3-5-haiku-20241022-v1:0", "us.anthropic.claude-sonnet-4-5-20250929-v1:0");

    static final Template DEV;
    static final Template PROD;
    /** A {@code dev} stack deployed with {@code -c destroyData=true}. */
    static final Template THROWAWAY;
    /** A {@code dev} stack with the control plane (the relational store and the analytics functions). */
    static final Template CONTROL_PLANE;
    /** The annotations (cdk-nag's findings among them) of the three stacks, by stack name. */
    static final Map<String, Annotations> ANNOTATIONS;
    /**
     * The cloud assembly directory: cdk-nag's report of each stack, and CDK's validation report
     * when synth fails on a finding, stay there after the run.
     */
    static final Path OUTDIR = Path.of("target/cdk-test.out");

    static {
        try {
            Path asset = Files.createTempDirectory("tollgate-lambda-asset");
            // A stand-in for the shaded jar: the tests never need the real artifact.
            Files.writeString(asset.resolve("placeholder.txt"), "not a real Lambda");
            Map<String, String> queries = TollgateContext.namedQueries(ATHENA_QUERIES);
            // The feature flags in cdk.json change the template: synthesize with them, as the CLI does.
            App app = App.Builder.create()
                    .outdir(OUTDIR.toString())
                    .context(cdkJsonContext())
                    .build();
            // As TollgateApp does: cdk-nag's AWS Solutions rules over every stack.
            SecurityFindings.check(app);
            TollgateStack dev = new TollgateStack(
                    app,
                    "Tollgate-dev",
                    TollgateStackProps.builder()
                            .lambdaCode(Code.fromAsset(asset.toString()))
                            .streamingWrapper(Code.fromAsset(WRAPPER.toString()))
                            .namedQueries(queries)
                            .build());
            TollgateStack prod = new TollgateStack(
                    app,
                    "Tollgate-prod",
                    TollgateStackProps.builder()
                            .stage("prod")
                            .lambdaCode(Code.fromAsset(asset.toString()))
                            .streamingWrapper(Code.fromAsset(WRAPPER.toString()))
                            .logRetention(RetentionDays.ONE_YEAR)
                            .throttlingRateLimit(500)
                            .throttlingBurstLimit(1000)
                            .apiTimeoutSeconds(90)
                            .alertEmail(ALERT_EMAIL)
                            .logIaDays(60)
                            .logExpireDays(400)
                            .configYaml(PROD_CONFIG)
                            .pricesFile(TollgateStackProps.S3Object.parse(PRICES_URI))
                            .athenaBytesScannedCutoff(1024L * 1024 * 1024)
                            .namedQueries(queries)
                            .snapshotRevision("2")
                            .bedrockModels(BEDROCK_MODELS)
                            .build());
            TollgateStack throwaway = new TollgateStack(
                    app,
                    "Tollgate-throwaway",
                    TollgateStackProps.builder()
                            .stage("throwaway")
                            .lambdaCode(Code.fromAsset(asset.toString()))
                            .streamingWrapper(Code.fromAsset(WRAPPER.toString()))
                            .namedQueries(queries)
                            .destroyData(true)
                            .build());
            Path analytics = Files.createTempDirectory("tollgate-analytics-asset");
            Files.writeString(analytics.resolve("placeholder.txt"), "not the analytics Lambda either");
            TollgateStack controlPlane = new TollgateStack(
                    app,
                    "Tollgate-cp",
                    TollgateStackProps.builder()
                            .stage("cp")
                            .lambdaCode(Code.fromAsset(asset.toString()))
                            .streamingWrapper(Code.fromAsset(WRAPPER.toString()))
                            .namedQueries(queries)
                            .build(),
                    new ControlPlaneProps(Code.fromAsset(analytics.toString()), 4));
            synthesizeOrExplain(app);
            DEV = Template.fromStack(dev);
            PROD = Template.fromStack(prod);
            THROWAWAY = Template.fromStack(throwaway);
            CONTROL_PLANE = Template.fromStack(controlPlane);
            ANNOTATIONS = new LinkedHashMap<>();
            for (TollgateStack stack : List.of(dev, prod, throwaway, controlPlane)) {
                ANNOTATIONS.put(stack.getStackName(), Annotations.fromStack(stack));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Stacks() {}

    /**
     * With cdk.json's validation flags, synth itself fails on an error annotation, such as a
     * cdk-nag finding that is neither fixed nor accepted in SecurityFindings. Every stack test would
     * then fail with "Could not initialize class Stacks": say which findings, from CDK's report.
     */
    @SuppressWarnings("unchecked")
    private static void synthesizeOrExplain(final App app) throws IOException {
        Path report = OUTDIR.resolve("validation-report.json");
        Files.deleteIfExists(report);
        try {
            app.synth();
        } catch (RuntimeException e) {
            if (!Files.isRegularFile(report)) {
                throw e;
            }
            StringBuilder findings = new StringBuilder("synth failed on these findings (fix them or accept them"
                    + " with a reason in SecurityFindings; full report: " + report + "):");
            Map<String, Object> json = new ObjectMapper().readValue(report.toFile(), Map.class);
            for (Map<String, Object> plugin : (List<Map<String, Object>>) json.get("pluginReports")) {
                for (Map<String, Object> violation : (List<Map<String, Object>>) plugin.get("violations")) {
                    findings.append("\n  ")
                            .append(String.valueOf(violation.get("description")).strip());
                    for (Map<String, Object> construct :
                            (List<Map<String, Object>>) violation.get("violatingConstructs")) {
                        findings.append("\n    at ").append(construct.get("constructPath"));
                    }
                }
            }
            throw new IllegalStateException(findings.toString(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cdkJsonContext() throws IOException {
        // jackson-databind comes with the jsii runtime.
        Map<String, Object> cdkJson =
                new ObjectMapper().readValue(Path.of("cdk.json").toFile(), Map.class);
        return (Map<String, Object>) cdkJson.get("context");
    }

    static String onlyLogicalId(final Template template, final String type) {
        Map<String, Map<String, Object>> resources = template.findResources(type);
        assertEquals(1, resources.size(), () -> "expected one " + type + ", found " + resources.keySet());
        return resources.keySet().iterator().next();
    }

    /** The logical id of the function whose description starts with {@code prefix} ("Tollgate proxy"). */
    static String functionId(final Template template, final String prefix) {
        List<String> ids = template.findResources("AWS::Lambda::Function").entrySet().stream()
                .filter(e -> String.valueOf(properties(e.getValue()).get("Description"))
                        .startsWith(prefix))
                .map(Map.Entry::getKey)
                .toList();
        assertEquals(1, ids.size(), () -> "functions described '" + prefix + "…': " + ids);
        return ids.get(0);
    }

    static Map<String, Object> function(final Template template, final String prefix) {
        return properties(template.findResources("AWS::Lambda::Function").get(functionId(template, prefix)));
    }

    /** The role's logical id of a function. */
    @SuppressWarnings("unchecked")
    static String roleId(final Template template, final String prefix) {
        Map<String, Object> role =
                (Map<String, Object>) function(template, prefix).get("Role");
        return (String) ((List<Object>) role.get("Fn::GetAtt")).get(0);
    }

    /** Every statement of every AWS::IAM::Policy attached to the function's role. */
    static List<Map<String, Object>> statementsOf(final Template template, final String prefix) {
        Map<String, Object> roleRef = Map.of("Ref", roleId(template, prefix));
        List<Map<String, Object>> statements = new ArrayList<>();
        template.findResources("AWS::IAM::Policy").values().forEach(policy -> {
            if (((List<?>) properties(policy).get("Roles")).contains(roleRef)) {
                statements.addAll(statements(properties(policy).get("PolicyDocument")));
            }
        });
        return statements;
    }

    /** Every statement of every AWS::IAM::Policy and inline role policy in the template. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> allIamStatements(final Template template) {
        List<Map<String, Object>> statements = new ArrayList<>();
        template.findResources("AWS::IAM::Policy")
                .values()
                .forEach(policy ->
                        statements.addAll(statements(properties(policy).get("PolicyDocument"))));
        template.findResources("AWS::IAM::Role").values().forEach(role -> {
            for (Object inline : (List<Object>) properties(role).getOrDefault("Policies", List.of())) {
                statements.addAll(statements(((Map<String, Object>) inline).get("PolicyDocument")));
            }
        });
        return statements;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> statements(final Object document) {
        return (List<Map<String, Object>>) ((Map<String, Object>) document).get("Statement");
    }

    /** Action or Resource of a statement, always as a list. */
    static List<Object> list(final Map<String, Object> statement, final String key) {
        Object value = statement.get(key);
        return value instanceof List<?> values ? new ArrayList<>(values) : value == null ? List.of() : List.of(value);
    }

    /** All actions the function's role is allowed. */
    static List<String> actionsOf(final Template template, final String prefix) {
        return statementsOf(template, prefix).stream()
                .flatMap(s -> list(s, "Action").stream())
                .map(String.class::cast)
                .sorted()
                .toList();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> properties(final Map<String, Object> resource) {
        return (Map<String, Object>) resource.getOrDefault("Properties", Map.of());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> environment(final Template template, final String prefix) {
        Map<String, Object> environment =
                (Map<String, Object>) function(template, prefix).getOrDefault("Environment", Map.of());
        return (Map<String, Object>) environment.getOrDefault("Variables", Map.of());
    }

    static Map<String, Object> getAtt(final String logicalId, final String attribute) {
        return Map.of("Fn::GetAtt", List.of(logicalId, attribute));
    }

    static Map<String, Object> ref(final String logicalId) {
        return Map.of("Ref", logicalId);
    }

    /** Descriptions of the four gateway functions. */
    static final String PROXY = "Tollgate proxy";

    static final String ADMIN = "Tollgate admin API";
    static final String SHIPPER = "Tollgate spend-log shipper";
    static final String JOBS = "Tollgate jobs";
    static final List<String> FUNCTIONS = List.of(PROXY, ADMIN, SHIPPER, JOBS);
}
