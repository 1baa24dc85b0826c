package dev.tollgate.infra;

import static dev.tollgate.infra.Stacks.DEV;
import static dev.tollgate.infra.Stacks.PROD;
import static dev.tollgate.infra.Stacks.THROWAWAY;
import static dev.tollgate.infra.Stacks.getAtt;
import static dev.tollgate.infra.Stacks.properties;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The table and the spend-log bucket. */
class StorageStackTest {

    @Test
    void table_isKeyedByStringPkAndSk_andBilledOnDemand() {
        DEV.resourceCountIs("AWS::DynamoDB::Table", 1);
        DEV.hasResourceProperties(
                "AWS::DynamoDB::Table",
                Map.of(
                        "KeySchema",
                        List.of(
                                Map.of("AttributeName", "pk", "KeyType", "HASH"),
                                Map.of("AttributeName", "sk", "KeyType", "RANGE")),
                        "BillingMode",
                        "PAY_PER_REQUEST"));
    }

    @Test
    void table_hasGsi1_keyedByGsi1pkAndGsi1sk_projectingAll() {
        // Mirrors storage.TableDefinition: the sweeper and the admin listings query it.
        DEV.hasResourceProperties(
                "AWS::DynamoDB::Table",
                Map.of(
                        "AttributeDefinitions",
                                List.of(
                                        Map.of("AttributeName", "pk", "AttributeType", "S"),
                                        Map.of("AttributeName", "sk", "AttributeType", "S"),
                                        Map.of("AttributeName", "gsi1pk", "AttributeType", "S"),
                                        Map.of("AttributeName", "gsi1sk", "AttributeType", "S")),
                        "GlobalSecondaryIndexes",
                                List.of(Map.of(
                                        "IndexName", "gsi1",
                                        "KeySchema",
                                                List.of(
                                                        Map.of("AttributeName", "gsi1pk", "KeyType", "HASH"),
                                                        Map.of("AttributeName", "gsi1sk", "KeyType", "RANGE")),
                                        "Projection", Map.of("ProjectionType", "ALL")))));
    }

    @Test
    void table_hasPointInTimeRecovery() {
        DEV.hasResourceProperties(
                "AWS::DynamoDB::Table",
                Map.of("PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true)));
    }

    @Test
    void table_expiresItemsByTtlAttribute() {
        DEV.hasResourceProperties(
                "AWS::DynamoDB::Table",
                Map.of("TimeToLiveSpecification", Map.of("AttributeName", "ttl", "Enabled", true)));
    }

    @Test
    void table_streamsNewAndOldImages_forTheSpendLogShipper() {
        DEV.hasResourceProperties(
                "AWS::DynamoDB::Table", Map.of("StreamSpecification", Map.of("StreamViewType", "NEW_AND_OLD_IMAGES")));
    }

    @Test
    void byDefault_tableIsRetained_onDeletionAndReplacement_evenOutsideProd() {
        // GIVEN a dev stack deployed without destroyData
        // THEN keys, budgets and counters outlive `cdk destroy` and a replacing change
        DEV.hasResource(
                "AWS::DynamoDB::Table",
                Map.of(
                        "Properties", Match.objectLike(Map.of("DeletionProtectionEnabled", false)),
                        "DeletionPolicy", "Retain",
                        "UpdateReplacePolicy", "Retain"));
    }

    @Test
    void destroyData_tableIsDeletedWithTheStack() {
        THROWAWAY.hasResource(
                "AWS::DynamoDB::Table",
                Map.of(
                        "Properties", Match.objectLike(Map.of("DeletionProtectionEnabled", false)),
                        "DeletionPolicy", "Delete",
                        "UpdateReplacePolicy", "Delete"));
    }

    @Test
    void prodStage_tableHasDeletionProtection_andIsRetained() {
        PROD.hasResource(
                "AWS::DynamoDB::Table",
                Map.of(
                        "Properties", Match.objectLike(Map.of("DeletionProtectionEnabled", true)),
                        "DeletionPolicy", "Retain",
                        "UpdateReplacePolicy", "Retain"));
    }

    @Test
    void spendLogBucket_isEncryptedWithS3ManagedKeys() {
        assertEquals(
                Map.of(
                        "ServerSideEncryptionConfiguration",
                        List.of(Map.of("ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256")))),
                spendLogBucket(DEV).get("BucketEncryption"));
    }

    @Test
    void spendLogBucket_blocksAllPublicAccess() {
        assertEquals(
                Map.of(
                        "BlockPublicAcls",
                        true,
                        "BlockPublicPolicy",
                        true,
                        "IgnorePublicAcls",
                        true,
                        "RestrictPublicBuckets",
                        true),
                spendLogBucket(DEV).get("PublicAccessBlockConfiguration"));
    }

    @Test
    void spendLogBucket_deniesRequestsWithoutTls() {
        DEV.hasResourceProperties(
                "AWS::S3::BucketPolicy",
                Map.of(
                        "Bucket", Map.of("Ref", spendLogBucketId(DEV)),
                        "PolicyDocument",
                                Map.of(
                                        "Statement",
                                        Match.arrayWith(List.of(Match.objectLike(Map.of(
                                                "Effect", "Deny",
                                                "Action", "s3:*",
                                                "Condition",
                                                        Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))));
    }

    @Test
    void spendLogBucket_isNotVersioned() {
        // A retried shipper batch overwrites its object: versions would keep identical copies.
        assertFalse(spendLogBucket(DEV).containsKey("VersioningConfiguration"));
    }

    @Test
    void spendLogBucket_movesToInfrequentAccessThenExpires_perContext() {
        assertEquals(List.of(lifecycle(30, 730)), rules(DEV));
        assertEquals(List.of(lifecycle(60, 400)), rules(PROD));
    }

    @Test
    void byDefault_spendLogBucketIsRetained_andNeverEmptied_evenOutsideProd() {
        assertRetainedAndNeverEmptied(DEV, spendLogBucketId(DEV));
    }

    @Test
    void destroyData_spendLogBucketIsEmptiedAndDeletedWithTheStack() {
        assertEmptiedAndDeleted(THROWAWAY, spendLogBucketId(THROWAWAY));
    }

    @Test
    void prodStage_spendLogBucketIsRetained_andNeverEmptied() {
        PROD.hasResource(
                "AWS::S3::Bucket",
                Map.of("Properties", Match.objectLike(Map.of("LifecycleConfiguration", Map.of("Rules", rules(PROD))))));
        assertRetainedAndNeverEmptied(PROD, spendLogBucketId(PROD));
    }

    @Test
    void accessLogBucket_receivesTheServerAccessLogs_ofTheSpendLogAndResultsBuckets() {
        // GIVEN the bucket that S3 delivers server access logs to
        Map<String, Object> target = Map.of("Ref", accessLogBucketId(DEV));

        // THEN each data bucket logs there under its own prefix
        assertEquals(
                Map.of("DestinationBucketName", target, "LogFilePrefix", "spend-log-bucket/"),
                spendLogBucket(DEV).get("LoggingConfiguration"));
        DEV.hasResourceProperties(
                "AWS::S3::Bucket",
                Map.of(
                        "LoggingConfiguration",
                        Map.of("DestinationBucketName", target, "LogFilePrefix", "athena-results-bucket/")));
    }

    @Test
    void accessLogBucket_isEncryptedWithS3ManagedKeys_private_andExpiresWithTheSpendLogs() {
        // S3 delivers server access logs only to a bucket encrypted with S3-managed keys.
        Map<String, Object> bucket =
                properties(DEV.findResources("AWS::S3::Bucket").get(accessLogBucketId(DEV)));

        assertEquals(spendLogBucket(DEV).get("BucketEncryption"), bucket.get("BucketEncryption"));
        assertEquals(
                spendLogBucket(DEV).get("PublicAccessBlockConfiguration"),
                bucket.get("PublicAccessBlockConfiguration"));
        assertEquals(
                Map.of(
                        "Rules",
                        List.of(Map.of(
                                "Id",
                                "expire-access-logs",
                                "Status",
                                "Enabled",
                                "ExpirationInDays",
                                730,
                                "AbortIncompleteMultipartUpload",
                                Map.of("DaysAfterInitiation", 1)))),
                bucket.get("LifecycleConfiguration"));
    }

    @Test
    void byDefault_accessLogBucketIsRetained_andNeverEmptied_evenOutsideProd() {
        assertRetainedAndNeverEmptied(DEV, accessLogBucketId(DEV));
    }

    @Test
    void destroyData_accessLogBucketIsEmptiedAndDeletedWithTheStack() {
        assertEmptiedAndDeleted(THROWAWAY, accessLogBucketId(THROWAWAY));
    }

    /** Retain on deletion and replacement, and no auto-delete custom resource empties it. */
    static void assertRetainedAndNeverEmptied(final Template template, final String bucketId) {
        Map<String, Object> bucket = template.findResources("AWS::S3::Bucket").get(bucketId);
        assertEquals("Retain", bucket.get("DeletionPolicy"), bucketId);
        assertEquals("Retain", bucket.get("UpdateReplacePolicy"), bucketId);
        assertEquals(Map.of(), autoDeletionOf(template, bucketId));
    }

    /** Delete on deletion, emptied first by CDK's auto-delete custom resource. */
    static void assertEmptiedAndDeleted(final Template template, final String bucketId) {
        Map<String, Object> bucket = template.findResources("AWS::S3::Bucket").get(bucketId);
        assertEquals("Delete", bucket.get("DeletionPolicy"), bucketId);
        assertEquals(1, autoDeletionOf(template, bucketId).size(), bucketId);
    }

    private static Map<String, Map<String, Object>> autoDeletionOf(final Template template, final String bucketId) {
        return template.findResources(
                "Custom::S3AutoDeleteObjects", Map.of("Properties", Map.of("BucketName", Map.of("Ref", bucketId))));
    }

    private static Map<String, Object> lifecycle(final int iaDays, final int expireDays) {
        return Map.of(
                "Id",
                "spend-logs-ia-then-expire",
                "Prefix",
                "spend-logs/",
                "Status",
                "Enabled",
                "Transitions",
                List.of(Map.of("StorageClass", "STANDARD_IA", "TransitionInDays", iaDays)),
                "ExpirationInDays",
                expireDays,
                "AbortIncompleteMultipartUpload",
                Map.of("DaysAfterInitiation", 1));
    }

    /** The spend-log bucket: the one the shipper's TOLLGATE_STORAGE_BUCKET names. */
    static String spendLogBucketId(final Template template) {
        Object ref = Stacks.environment(template, Stacks.SHIPPER).get("TOLLGATE_STORAGE_BUCKET");
        return (String) ((Map<?, ?>) ref).get("Ref");
    }

    /** The access-log bucket: the one the spend-log bucket's LoggingConfiguration names. */
    static String accessLogBucketId(final Template template) {
        Map<?, ?> logging = (Map<?, ?>) spendLogBucket(template).get("LoggingConfiguration");
        return (String) ((Map<?, ?>) logging.get("DestinationBucketName")).get("Ref");
    }

    private static Map<String, Object> spendLogBucket(final Template template) {
        return properties(template.findResources("AWS::S3::Bucket").get(spendLogBucketId(template)));
    }

    @SuppressWarnings("unchecked")
    private static List<Object> rules(final Template template) {
        return (List<Object>)
                ((Map<String, Object>) spendLogBucket(template).get("LifecycleConfiguration")).get("Rules");
    }

    /** The spend-log bucket's ARN, as policies reference it. */
    static Map<String, Object> spendLogBucketArn(final Template template) {
        return getAtt(spendLogBucketId(template), "Arn");
    }
}
