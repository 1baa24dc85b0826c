package dev.tollgate.infra;

import static dev.tollgate.infra.Stacks.DEV;
import static dev.tollgate.infra.Stacks.FUNCTIONS;
import static dev.tollgate.infra.Stacks.PROD;
import static dev.tollgate.infra.Stacks.SHIPPER;
import static dev.tollgate.infra.Stacks.functionId;
import static dev.tollgate.infra.Stacks.getAtt;
import static dev.tollgate.infra.Stacks.onlyLogicalId;
import static dev.tollgate.infra.Stacks.properties;
import static dev.tollgate.infra.Stacks.ref;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The alerts topic, its key and subscription, and the CloudWatch alarms that publish to it. */
class AlertsStackTest {

    @Test
    void topic_isEncryptedWithItsOwnRotatingKey() {
        DEV.hasResourceProperties(
                "AWS::SNS::Topic", Map.of("KmsMasterKeyId", getAtt(onlyLogicalId(DEV, "AWS::KMS::Key"), "Arn")));
        DEV.hasResourceProperties("AWS::KMS::Key", Map.of("EnableKeyRotation", true));
    }

    @Test
    void emailSubscription_existsOnlyWhenAlertEmailIsSet() {
        DEV.resourceCountIs("AWS::SNS::Subscription", 0);
        PROD.hasResourceProperties(
                "AWS::SNS::Subscription",
                Map.of(
                        "Protocol",
                        "email",
                        "Endpoint",
                        Stacks.ALERT_EMAIL,
                        "TopicArn",
                        ref(onlyLogicalId(PROD, "AWS::SNS::Topic"))));
    }

    @Test
    void output_alertsTopicArn() {
        DEV.hasOutput("AlertsTopicArn", Map.of("Value", ref(onlyLogicalId(DEV, "AWS::SNS::Topic"))));
    }

    @Test
    void everyAlarm_notifiesTheAlertsTopic() {
        DEV.allResourcesProperties(
                "AWS::CloudWatch::Alarm",
                Map.of(
                        "AlarmActions",
                        List.of(ref(onlyLogicalId(DEV, "AWS::SNS::Topic"))),
                        "TreatMissingData",
                        "notBreaching"));
    }

    @Test
    void alarm_api5xxRate_onTheStage() {
        DEV.hasResourceProperties(
                "AWS::CloudWatch::Alarm",
                Map.of(
                        "Namespace", "AWS/ApiGateway",
                        "MetricName", "5XXError",
                        "Statistic", "Average",
                        "Threshold", 0.05,
                        "Dimensions",
                                Match.arrayWith(List.of(Map.of(
                                        "Name",
                                        "Stage",
                                        "Value",
                                        ref(onlyLogicalId(DEV, "AWS::ApiGateway::Stage")))))));
    }

    @Test
    void alarms_errorsAndThrottles_ofEveryFunction() {
        for (String name : FUNCTIONS) {
            for (String metric : List.of("Errors", "Throttles")) {
                DEV.hasResourceProperties(
                        "AWS::CloudWatch::Alarm",
                        Map.of(
                                "Namespace",
                                "AWS/Lambda",
                                "MetricName",
                                metric,
                                "Statistic",
                                "Sum",
                                "Threshold",
                                1,
                                "ComparisonOperator",
                                "GreaterThanOrEqualToThreshold",
                                "Dimensions",
                                List.of(Map.of("Name", "FunctionName", "Value", ref(functionId(DEV, name))))));
            }
        }
    }

    @Test
    void alarm_deadLetterQueueDepth_aboveZero() {
        DEV.hasResourceProperties(
                "AWS::CloudWatch::Alarm",
                Map.of(
                        "Namespace", "AWS/SQS",
                        "MetricName", "ApproximateNumberOfMessagesVisible",
                        "Threshold", 0,
                        "ComparisonOperator", "GreaterThanThreshold",
                        "Dimensions",
                                List.of(Map.of(
                                        "Name",
                                        "QueueName",
                                        "Value",
                                        getAtt(onlyLogicalId(DEV, "AWS::SQS::Queue"), "QueueName")))));
    }

    @Test
    void alarm_shipperIteratorAge_overFiveMinutes() {
        DEV.hasResourceProperties(
                "AWS::CloudWatch::Alarm",
                Map.of(
                        "Namespace", "AWS/Lambda",
                        "MetricName", "IteratorAge",
                        "Statistic", "Maximum",
                        "Threshold", 300_000,
                        "Dimensions", List.of(Map.of("Name", "FunctionName", "Value", ref(functionId(DEV, SHIPPER))))));
    }

    @Test
    void alarms_areExactlyThese_andNamedAfterTheStage() {
        // 5xx rate + (errors, throttles) x 4 functions + DLQ depth + iterator age
        DEV.resourceCountIs("AWS::CloudWatch::Alarm", 11);
        for (Template template : List.of(DEV, PROD)) {
            String stage = template == DEV ? "dev" : "prod";
            template.findResources("AWS::CloudWatch::Alarm")
                    .values()
                    .forEach(alarm -> assertEquals(
                            true, ((String) properties(alarm).get("AlarmName")).startsWith("tollgate-" + stage + "-")));
        }
    }
}
