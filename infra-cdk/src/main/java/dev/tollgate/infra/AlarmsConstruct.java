package dev.tollgate.infra;

import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * Operational alarms, all sending to the alerts topic. Each watches something that should not
 * happen at all (errors, throttles, a dead-lettered batch) or a sign that spend logs fall behind.
 * Thresholds are explained in docs/infrastructure.md.
 */
final class AlarmsConstruct extends Construct {

    static final Duration PERIOD = Duration.minutes(5);
    /** 5 % of the API's requests answered 5xx, in two consecutive 5-minute periods. */
    static final double API_5XX_RATE = 0.05;
    /** The shipper is more than 5 minutes behind the stream (normal: the 30 s batching window). */
    static final double ITERATOR_AGE_MS = 5 * 60 * 1000;

    private final String prefix;
    private final SnsAction action;

    /**
     * @param functions the functions whose errors and throttles are watched, by short name
     */
    AlarmsConstruct(
            final Construct scope,
            final String id,
            final TollgateStackProps props,
            final RestApi api,
            final Map<String, Function> functions,
            final Function shipper,
            final IQueue deadLetterQueue,
            final ITopic topic) {
        super(scope, id);
        this.prefix = "tollgate-" + props.stage() + "-";
        this.action = new SnsAction(topic);

        alarm(
                "Api5xxRate",
                "api-5xx-rate",
                "More than 5% of API requests answered 5xx (Lambda errors, timeouts, integration failures)",
                api.getDeploymentStage().metricServerError(options("Average")),
                API_5XX_RATE,
                ComparisonOperator.GREATER_THAN_THRESHOLD,
                2);
        functions.forEach((name, function) -> {
            alarm(
                    name + "Errors",
                    name.toLowerCase() + "-errors",
                    "The " + name + " function failed (unhandled error or timeout)",
                    function.metricErrors(options("Sum")),
                    1,
                    ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
                    1);
            alarm(
                    name + "Throttles",
                    name.toLowerCase() + "-throttles",
                    "The " + name + " function was throttled (account or reserved concurrency exhausted)",
                    function.metricThrottles(options("Sum")),
                    1,
                    ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
                    1);
        });
        alarm(
                "DeadLetterQueueDepth",
                "spend-log-dlq-depth",
                "A spend-log batch failed after every retry: its description is in the dead-letter queue",
                deadLetterQueue.metricApproximateNumberOfMessagesVisible(options("Maximum")),
                0,
                ComparisonOperator.GREATER_THAN_THRESHOLD,
                1);
        alarm(
                "ShipperIteratorAge",
                "spend-log-iterator-age",
                "The spend-log shipper is more than 5 minutes behind the table's stream (24 h retention)",
                shipper.metric("IteratorAge", options("Maximum")),
                ITERATOR_AGE_MS,
                ComparisonOperator.GREATER_THAN_THRESHOLD,
                2);
    }

    private static MetricOptions options(final String statistic) {
        return MetricOptions.builder().statistic(statistic).period(PERIOD).build();
    }

    private void alarm(
            final String id,
            final String name,
            final String description,
            final IMetric metric,
            final double threshold,
            final ComparisonOperator operator,
            final int periods) {
        Alarm alarm = Alarm.Builder.create(this, id)
                .alarmName(prefix + name)
                .alarmDescription(description)
                .metric(metric)
                .threshold(threshold)
                .comparisonOperator(operator)
                .evaluationPeriods(periods)
                .datapointsToAlarm(periods)
                // No traffic is no problem.
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        alarm.addAlarmAction(action);
    }
}
