package dev.tollgate.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * The SNS topic for budget, SLA and operational alerts, encrypted with a customer managed KMS key.
 * Not the AWS managed {@code alias/aws/sns}: its key policy cannot let CloudWatch alarms publish.
 */
final class AlertsConstruct extends Construct {

    /** What a publisher of an encrypted topic needs on its key (SNS calls these on its behalf). */
    static final List<String> KMS_PUBLISH_ACTIONS = List.of("kms:GenerateDataKey", "kms:Decrypt");

    private final Key key;
    private final Topic topic;

    AlertsConstruct(final Construct scope, final String id, final TollgateStackProps props) {
        super(scope, id);
        this.key = Key.Builder.create(this, "Key")
                .description("Tollgate alerts topic (" + props.stage() + ")")
                .enableKeyRotation(true)
                .pendingWindow(Duration.days(7))
                .removalPolicy(props.isProd() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
                .build();
        // CloudWatch alarms publish as the service: let it use this key, for this account only.
        // In a key policy "*" means this key.
        key.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("CloudWatchAlarmsPublish")
                .effect(Effect.ALLOW)
                .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                .actions(KMS_PUBLISH_ACTIONS)
                .resources(List.of("*"))
                .conditions(Map.of("StringEquals", Map.of("aws:SourceAccount", Aws.ACCOUNT_ID)))
                .build());
        this.topic = Topic.Builder.create(this, "Topic")
                .displayName("Tollgate alerts (" + props.stage() + ")")
                .masterKey(key)
                .build();
        if (props.alertEmail() != null) {
            // SNS mails a confirmation link first; nothing is delivered until it is clicked.
            topic.addSubscription(new EmailSubscription(props.alertEmail()));
        }
    }

    /** What a function that publishes alerts needs: {@code sns:Publish} on the topic and the key's publish actions. */
    List<PolicyStatement> publishStatements() {
        return List.of(
                PolicyStatement.Builder.create()
                        .actions(List.of("sns:Publish"))
                        .resources(List.of(topic.getTopicArn()))
                        .build(),
                PolicyStatement.Builder.create()
                        .actions(KMS_PUBLISH_ACTIONS)
                        .resources(List.of(key.getKeyArn()))
                        .build());
    }

    Key key() {
        return key;
    }

    Topic topic() {
        return topic;
    }
}
