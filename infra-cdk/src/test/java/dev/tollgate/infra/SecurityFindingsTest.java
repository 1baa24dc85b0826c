package dev.tollgate.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;

/**
 * cdk-nag's AWS Solutions rules over the dev, prod and throwaway stacks, run as TollgateApp runs
 * them: every finding is fixed, or accepted in {@link SecurityFindings} with its reason.
 */
class SecurityFindingsTest {

    /** The rules the stack accepts (docs/infrastructure.md, "Security findings"); everything else is fixed. */
    static final Set<String> ACCEPTED_RULES = Set.of(
            "AwsSolutions-APIG2",
            "AwsSolutions-APIG3",
            "AwsSolutions-APIG4",
            "AwsSolutions-COG4",
            "AwsSolutions-IAM4",
            "AwsSolutions-IAM5",
            "AwsSolutions-L1",
            "AwsSolutions-SMG4",
            "AwsSolutions-SQS3");

    @Test
    void everyStack_hasNoAwsSolutionsError_thatIsNeitherFixedNorAccepted() {
        // With cdk.json's validation flags synth already fails on such an error, and Stacks names it;
        // this holds the line should those flags change.
        assertEquals(List.of(), findings(annotations -> annotations.findError("*", Match.anyValue())));
    }

    @Test
    void everyStack_hasNoAwsSolutionsWarning_thatIsNeitherFixedNorAccepted() {
        assertEquals(List.of(), findings(annotations -> annotations.findWarning("*", Match.anyValue())));
    }

    @Test
    void acceptedFindings_areExactlyTheDocumentedRules_eachWithItsReason() throws IOException {
        // GIVEN cdk-nag's report of the prod stack (the one with Bedrock models: every accepted rule applies)
        List<Map<String, String>> accepted = reportLines("Tollgate-prod").stream()
                .filter(line -> "Suppressed".equals(line.get("compliance")))
                .toList();

        // THEN the accepted rules are the documented ones, no more (a stale acceptance shows up here)
        Set<String> rules = new TreeSet<>();
        accepted.forEach(line -> rules.add(line.get("ruleId").replaceFirst("\\[.*", "")));
        assertEquals(new TreeSet<>(ACCEPTED_RULES), rules);
        // AND each carries one of SecurityFindings' reasons
        accepted.forEach(line -> assertTrue(line.get("exceptionReason").length() > 100, line::toString));
    }

    @Test
    void authorization_isAcceptedForTheApisMethodsOnly() throws IOException {
        for (Map<String, String> line : reportLines("Tollgate-dev")) {
            if (line.get("ruleId").equals("AwsSolutions-APIG4") && "Suppressed".equals(line.get("compliance"))) {
                assertTrue(line.get("resourceId").startsWith("Tollgate-dev/Api/Api/Default/"), line::toString);
                assertTrue(line.get("resourceId").endsWith("/Resource"), line::toString);
                assertEquals(SecurityFindings.AUTHORIZATION, line.get("exceptionReason"));
            }
        }
    }

    @Test
    void wildcardPermissions_areAcceptedOnlyForBedrockRegions_listStreams_andSpendLogObjects() throws IOException {
        // GIVEN every wildcard cdk-nag found in an IAM policy of the prod stack (the report gives each
        // accepted one as "[<finding>] <reason>")
        Set<String> wildcards = new TreeSet<>();
        for (Map<String, String> line : reportLines("Tollgate-prod")) {
            if (line.get("ruleId").equals("AwsSolutions-IAM5") && "Suppressed".equals(line.get("compliance"))) {
                String reason = line.get("exceptionReason");
                wildcards.add(line.get("resourceId") + " " + reason.substring(0, reason.indexOf("] ") + 1));
            }
        }

        // THEN they are the Bedrock ARNs' regions, ListStreams and the spend-log prefix, each on its role
        String proxy =
                "Tollgate-prod/Functions/ProxyRole/DefaultPolicy/Resource [Resource::arn:<AWS::Partition>:bedrock:*:";
        String shipper = "Tollgate-prod/SpendLogShipper/FunctionRole/DefaultPolicy/Resource [Resource::";
        assertEquals(
                new TreeSet<>(Set.of(
                        proxy + ":foundation-model/anthropic.claude-3-5-haiku-20241022-v1:0]",
                        proxy + ":foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0]",
                        proxy + "<AWS::AccountId>:inference-profile/us.anthropic.claude-sonnet-4-5-20250929-v1:0]",
                        shipper + "*]",
                        shipper + "<" + StorageStackTest.spendLogBucketId(Stacks.PROD) + ".Arn>/spend-logs/*]")),
                wildcards);
    }

    /** Every AwsSolutions finding of every stack, as "stack path: message". */
    private static List<String> findings(final Function<Annotations, List<SynthesisMessage>> level) {
        List<String> findings = new ArrayList<>();
        Stacks.ANNOTATIONS.forEach((stack, annotations) -> {
            for (SynthesisMessage message : level.apply(annotations)) {
                String text = String.valueOf(message.getEntry().getData());
                if (text.startsWith("AwsSolutions-")) {
                    findings.add(message.getId() + ": " + text.substring(0, Math.min(text.length(), 160)));
                }
            }
        });
        return findings;
    }

    /** The lines of cdk-nag's JSON report of a stack: ruleId, resourceId, compliance, exceptionReason, ... */
    @SuppressWarnings("unchecked")
    private static List<Map<String, String>> reportLines(final String stack) throws IOException {
        Map<String, Object> report = new ObjectMapper()
                .readValue(
                        Stacks.OUTDIR
                                .resolve("AwsSolutions-" + stack + "-NagReport.json")
                                .toFile(),
                        Map.class);
        return (List<Map<String, String>>) report.get("lines");
    }
}
