package dev.tollgate.infra;

import static dev.tollgate.infra.Stacks.ADMIN;
import static dev.tollgate.infra.Stacks.DEV;
import static dev.tollgate.infra.Stacks.FUNCTIONS;
import static dev.tollgate.infra.Stacks.JOBS;
import static dev.tollgate.infra.Stacks.PROD;
import static dev.tollgate.infra.Stacks.PROXY;
import static dev.tollgate.infra.Stacks.SHIPPER;
import static dev.tollgate.infra.Stacks.actionsOf;
import static dev.tollgate.infra.Stacks.getAtt;
import static dev.tollgate.infra.Stacks.list;
import static dev.tollgate.infra.Stacks.onlyLogicalId;
import static dev.tollgate.infra.Stacks.properties;
import static dev.tollgate.infra.Stacks.ref;
import static dev.tollgate.infra.Stacks.roleId;
import static dev.tollgate.infra.Stacks.statementsOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/**
 * Least privilege: every permission is named. Identity policies (AWS::IAM::Policy, inline role
 * policies) carry no wildcard action and no "*" resource, with one allow-listed exception; resource
 * policies carry wildcard actions only where CDK itself puts them. Each exception says why.
 */
class IamStackTest {

    /**
     * Actions that support no resource-level permission, so "*" is their only resource. Lambda's
     * DynamoDB-stream poller needs ListStreams (CDK's DynamoEventSource grants it so); the stream's
     * own actions (DescribeStream, GetRecords, GetShardIterator) are scoped to the stream ARN.
     */
    static final Set<String> STAR_RESOURCE_ALLOWED = Set.of("dynamodb:ListStreams");

    @Test
    void iamPolicies_haveNoWildcardAction() {
        for (Template template : List.of(DEV, PROD)) {
            for (Map<String, Object> statement : Stacks.allIamStatements(template)) {
                assertTrue(
                        list(statement, "Action").stream().noneMatch(a -> ((String) a).contains("*")),
                        () -> "wildcard action in " + statement);
            }
        }
    }

    @Test
    void iamPolicies_nameTheirResources_exceptActionsThatCannot() {
        for (Template template : List.of(DEV, PROD)) {
            for (Map<String, Object> statement : Stacks.allIamStatements(template)) {
                if (list(statement, "Resource").contains("*")) {
                    assertTrue(
                            STAR_RESOURCE_ALLOWED.containsAll(list(statement, "Action")),
                            () -> "\"*\" resource in " + statement);
                }
            }
        }
    }

    @Test
    void iamPolicies_useWildcardsInsideArns_onlyForSpendLogObjects_andBedrockRegions() {
        // "bucket/spend-logs/*" names a prefix: the shipper's object keys are made at run time.
        // "bedrock:*:" is the region of a named model: tollgate.yml may set another region per
        // model, and a cross-region inference profile routes to the model in several regions.
        for (Template template : List.of(DEV, PROD)) {
            for (Map<String, Object> statement : Stacks.allIamStatements(template)) {
                for (Object resource : list(statement, "Resource")) {
                    List<String> wildcards = new ArrayList<>();
                    collectStrings(resource, wildcards);
                    wildcards.removeIf(s -> !s.contains("*")
                            || s.equals("*")
                            || s.equals("/spend-logs/*")
                            || s.startsWith(":bedrock:*:") && s.indexOf('*', ":bedrock:*:".length()) < 0);
                    assertEquals(List.of(), wildcards, statement::toString);
                }
            }
        }
    }

    @Test
    void functionRoles_haveNoManagedPolicies_soNoLogsOnStar() {
        // CDK's default role would attach AWSLambdaBasicExecutionRole (logs:* actions on "*").
        for (String name : FUNCTIONS) {
            Map<String, Object> role =
                    properties(DEV.findResources("AWS::IAM::Role").get(roleId(DEV, name)));
            assertFalse(role.containsKey("ManagedPolicyArns"), name);
            assertFalse(role.containsKey("Policies"), name);
        }
    }

    @Test
    void everyFunction_writesLogsToItsOwnLogGroupOnly() {
        for (String name : FUNCTIONS) {
            Map<?, ?> logGroup =
                    (Map<?, ?>) ((Map<?, ?>) Stacks.function(DEV, name).get("LoggingConfig")).get("LogGroup");
            assertTrue(
                    statementsOf(DEV, name)
                            .contains(Map.of(
                                    "Effect",
                                    "Allow",
                                    "Action",
                                    List.of("logs:CreateLogStream", "logs:PutLogEvents"),
                                    "Resource",
                                    getAtt((String) logGroup.get("Ref"), "Arn"))),
                    name);
        }
    }

    /**
     * The response cache (issue 16) lives in the same table as {@code CACHE#} items and uses GetItem, PutItem and
     * DeleteItem, which the proxy already holds on the table; this list guards that it stays so (no BatchWriteItem,
     * no second table).
     */
    @Test
    void proxy_mayReadAndWriteTableItems_describeTheTable_andReadSecrets_nothingElse() {
        assertEquals(
                List.of(
                        "dynamodb:BatchGetItem",
                        "dynamodb:DeleteItem",
                        "dynamodb:DescribeTable",
                        "dynamodb:GetItem",
                        "dynamodb:PutItem",
                        "dynamodb:UpdateItem",
                        "logs:CreateLogStream",
                        "logs:PutLogEvents",
                        "secretsmanager:GetSecretValue"),
                actionsOf(DEV, PROXY));
    }

    @Test
    void proxy_tableActions_nameTheTableOnly() {
        assertTrue(statementsOf(DEV, PROXY)
                .contains(Map.of(
                        "Effect",
                        "Allow",
                        "Action",
                        sorted(FunctionsConstruct.PROXY_TABLE_ACTIONS),
                        "Resource",
                        tableArn(DEV))));
    }

    /** The proxy learns of active SLA failovers from one item it reads with GetItem, at most every 10 seconds. */
    @Test
    void proxy_readsTheFailoverItem_withGetItemOnTheTable_refreshedWithinTenSeconds() {
        assertTrue(statementsOf(DEV, PROXY).stream()
                .anyMatch(s -> tableArn(DEV).equals(s.get("Resource"))
                        && list(s, "Action").contains("dynamodb:GetItem")));
        Map<String, Object> proxy = Stacks.function(DEV, "Tollgate proxy");
        @SuppressWarnings("unchecked")
        Map<String, Object> env =
                (Map<String, Object>) ((Map<String, Object>) proxy.get("Environment")).get("Variables");
        int refresh = Integer.parseInt(String.valueOf(env.get("TOLLGATE_FAILOVER_REFRESH_SECONDS")));
        assertTrue(refresh > 0 && refresh <= 10, "refresh " + refresh);
    }

    @Test
    void proxy_hasNoS3Write() {
        assertTrue(
                actionsOf(PROD, PROXY).stream().filter(a -> a.startsWith("s3:")).allMatch("s3:GetObject"::equals));
    }

    @Test
    void admin_mayQueryGsi1Only_besidesItemReadsAndWrites() {
        assertEquals(
                List.of(
                        "dynamodb:BatchGetItem",
                        "dynamodb:DeleteItem",
                        "dynamodb:GetItem",
                        "dynamodb:PutItem",
                        "dynamodb:Query",
                        "dynamodb:UpdateItem",
                        "logs:CreateLogStream",
                        "logs:PutLogEvents",
                        "secretsmanager:GetSecretValue"),
                actionsOf(DEV, ADMIN));
        assertTrue(statementsOf(DEV, ADMIN)
                .contains(Map.of(
                        "Effect",
                        "Allow",
                        "Action",
                        "dynamodb:Query",
                        "Resource",
                        Map.of("Fn::Join", List.of("", List.of(tableArn(DEV), "/index/gsi1"))))));
    }

    @Test
    void shipper_mayPutObjectsUnderSpendLogsOnly() {
        String bucket = StorageStackTest.spendLogBucketId(DEV);
        assertTrue(statementsOf(DEV, SHIPPER)
                .contains(Map.of(
                        "Effect",
                        "Allow",
                        "Action",
                        "s3:PutObject",
                        "Resource",
                        Map.of("Fn::Join", List.of("", List.of(getAtt(bucket, "Arn"), "/spend-logs/*"))))));
        assertEquals(
                List.of("s3:PutObject"),
                actionsOf(DEV, SHIPPER).stream()
                        .filter(a -> a.startsWith("s3:"))
                        .toList());
    }

    @Test
    void shipper_readsTheStream_andHasNoTableAccess() {
        assertEquals(
                List.of(
                        "dynamodb:DescribeStream",
                        "dynamodb:GetRecords",
                        "dynamodb:GetShardIterator",
                        "dynamodb:ListStreams"),
                actionsOf(DEV, SHIPPER).stream()
                        .filter(a -> a.startsWith("dynamodb:"))
                        .toList());
        assertTrue(statementsOf(DEV, SHIPPER)
                .contains(Map.of(
                        "Effect",
                        "Allow",
                        "Action",
                        List.of("dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"),
                        "Resource",
                        getAtt(onlyLogicalId(DEV, "AWS::DynamoDB::Table"), "StreamArn"))));
    }

    @Test
    void shipper_maySendToItsDeadLetterQueueOnly() {
        assertTrue(statementsOf(DEV, SHIPPER)
                .contains(Map.of(
                        "Effect",
                        "Allow",
                        "Action",
                        List.of("sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:SendMessage"),
                        "Resource",
                        getAtt(onlyLogicalId(DEV, "AWS::SQS::Queue"), "Arn"))));
    }

    @Test
    void jobs_mayPublishToTheAlertsTopic_andSweepReservations() {
        assertEquals(
                List.of(
                        "dynamodb:DeleteItem",
                        "dynamodb:Query",
                        "dynamodb:UpdateItem",
                        "kms:Decrypt",
                        "kms:GenerateDataKey",
                        "logs:CreateLogStream",
                        "logs:PutLogEvents",
                        "sns:Publish"),
                actionsOf(DEV, JOBS));
        assertTrue(statementsOf(DEV, JOBS)
                .contains(Map.of(
                        "Effect",
                        "Allow",
                        "Action",
                        "sns:Publish",
                        "Resource",
                        ref(onlyLogicalId(DEV, "AWS::SNS::Topic")))));
        assertTrue(statementsOf(DEV, JOBS)
                .contains(Map.of(
                        "Effect",
                        "Allow",
                        "Action",
                        List.of("kms:Decrypt", "kms:GenerateDataKey"),
                        "Resource",
                        getAtt(onlyLogicalId(DEV, "AWS::KMS::Key"), "Arn"))));
    }

    @Test
    void secrets_areReadByProxyAndAdminOnly_andOnlyTheTwoSecrets() {
        List<Object> secrets = List.of(
                ref(FunctionsStackTest.secretId(DEV, "Tollgate master key")),
                ref(FunctionsStackTest.secretId(DEV, "Tollgate provider API keys")));
        for (String name : FUNCTIONS) {
            List<Object> resources = new ArrayList<>();
            statementsOf(DEV, name).stream()
                    .filter(s -> list(s, "Action").contains("secretsmanager:GetSecretValue"))
                    .forEach(s -> resources.addAll(list(s, "Resource")));
            assertEquals(name.equals(PROXY) || name.equals(ADMIN) ? secrets : List.of(), resources, name);
        }
    }

    @Test
    void pricesFile_isReadableByTheFunctionsThatPrice_asOneObject() {
        Map<String, Object> statement = Map.of(
                "Effect",
                "Allow",
                "Action",
                "s3:GetObject",
                "Resource",
                Map.of(
                        "Fn::Join",
                        List.of(
                                "",
                                List.of(
                                        "arn:",
                                        ref("AWS::Partition"),
                                        ":s3:::tollgate-prices-example/prices/model_prices.json"))));
        for (String name : List.of(PROXY, ADMIN, JOBS)) {
            assertTrue(statementsOf(PROD, name).contains(statement), name);
            assertFalse(actionsOf(DEV, name).contains("s3:GetObject"), name);
        }
        assertFalse(actionsOf(PROD, SHIPPER).contains("s3:GetObject"));
    }

    @Test
    void bedrock_isInvokableByTheProxyOnly_onTheConfiguredModels() {
        Set<Object> expected = Set.of(
                join(
                        "arn:",
                        ref("AWS::Partition"),
                        ":bedrock:*::foundation-model/anthropic.claude-3-5-haiku-20241022-v1:0"),
                join(
                        "arn:",
                        ref("AWS::Partition"),
                        ":bedrock:*:",
                        ref("AWS::AccountId"),
                        ":inference-profile/us.anthropic.claude-sonnet-4-5-20250929-v1:0"),
                join(
                        "arn:",
                        ref("AWS::Partition"),
                        ":bedrock:*::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0"));
        List<Map<String, Object>> bedrock = statementsOf(PROD, PROXY).stream()
                .filter(s -> list(s, "Action")
                        .equals(List.of("bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream")))
                .toList();
        assertEquals(1, bedrock.size());
        assertEquals(expected, Set.copyOf(list(bedrock.get(0), "Resource")));
        for (String name : List.of(ADMIN, SHIPPER, JOBS)) {
            assertTrue(actionsOf(PROD, name).stream().noneMatch(a -> a.startsWith("bedrock:")), name);
        }
        assertTrue(actionsOf(DEV, PROXY).stream().noneMatch(a -> a.startsWith("bedrock:")));
    }

    private static Map<String, Object> join(final Object... parts) {
        return Map.of("Fn::Join", List.of("", List.of(parts)));
    }

    @Test
    void resourcePolicies_allowWildcardActions_onlyToCdksAutoDeleteProvider() {
        // Bucket auto-deletion (the Athena results bucket; the data buckets only with destroyData) is CDK's custom
        // resource; its bucket-policy statement is CDK's, with s3:DeleteObject*, s3:List*, ...
        // Deny statements (TLS only) may use s3:* / sqs:*: they take permissions away.
        for (Template template : List.of(DEV, PROD)) {
            for (String type : List.of("AWS::S3::BucketPolicy", "AWS::SQS::QueuePolicy", "AWS::SNS::TopicPolicy")) {
                template.findResources(type).values().forEach(policy -> {
                    for (Map<String, Object> statement :
                            Stacks.statements(properties(policy).get("PolicyDocument"))) {
                        if ("Allow".equals(statement.get("Effect"))
                                && list(statement, "Action").stream().anyMatch(a -> ((String) a).contains("*"))) {
                            assertTrue(
                                    String.valueOf(statement.get("Principal"))
                                            .contains("CustomS3AutoDeleteObjectsCustomResourceProviderRole"),
                                    statement::toString);
                        }
                    }
                });
            }
        }
    }

    @Test
    void alertsKeyPolicy_isCdksAccountAdminStatement_plusNamedActionsForCloudWatch() {
        // The account root statement (kms:* on this key) is CDK's default key policy: without it the
        // key could not be administered by IAM in the account. In a key policy "*" means this key.
        List<Map<String, Object>> statements = Stacks.statements(properties(
                        DEV.findResources("AWS::KMS::Key").values().iterator().next())
                .get("KeyPolicy"));
        assertEquals(2, statements.size());
        assertTrue(String.valueOf(statements.get(0).get("Principal")).contains(":root"));
        assertEquals(
                Map.of("Service", "cloudwatch.amazonaws.com"), statements.get(1).get("Principal"));
        assertEquals(AlertsConstruct.KMS_PUBLISH_ACTIONS.stream().sorted().toList(), list(statements.get(1), "Action"));
    }

    private static void collectStrings(final Object value, final List<String> into) {
        if (value instanceof String s) {
            into.add(s);
        } else if (value instanceof Map<?, ?> map) {
            map.values().forEach(v -> collectStrings(v, into));
        } else if (value instanceof List<?> items) {
            items.forEach(v -> collectStrings(v, into));
        }
    }

    private static Map<String, Object> tableArn(final Template template) {
        return getAtt(onlyLogicalId(template, "AWS::DynamoDB::Table"), "Arn");
    }

    private static List<String> sorted(final List<String> actions) {
        return actions.stream().sorted().toList();
    }
}
