package dev.tollgate.infra;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.amazon.awscdk.services.lambda.Function;
import software.constructs.Construct;

/**
 * One stage of Tollgate, the whole deployable product: state (table, spend-log bucket, secrets),
 * the four functions, the REST API, analytics (Glue, Athena), the alerts topic and the alarms.
 * The security findings it accepts, with their reasons, are in {@link SecurityFindings}. See
 * docs/infrastructure.md.
 */
public class TollgateStack extends Stack {

    private final TollgateStackProps props;

    public TollgateStack(final Construct scope, final String id, final TollgateStackProps props) {
        this(scope, id, props, null);
    }

    /** With the control plane (reports, rollups, budgets API on Aurora) when {@code controlPlane} is given. */
    public TollgateStack(
            final Construct scope,
            final String id,
            final TollgateStackProps props,
            final ControlPlaneProps controlPlane) {
        super(
                scope,
                id,
                StackProps.builder()
                        .description("Tollgate LLM gateway, stage " + props.stage())
                        .build());
        this.props = props;

        StorageConstruct storage = new StorageConstruct(this, "Storage", props);
        SecretsConstruct secrets = new SecretsConstruct(this, "Secrets", props);
        AlertsConstruct alerts = new AlertsConstruct(this, "Alerts", props);
        FunctionsConstruct functions = new FunctionsConstruct(this, "Functions", props, storage, secrets, alerts);
        SpendLogShipperConstruct shipper = new SpendLogShipperConstruct(this, "SpendLogShipper", props, storage);
        ApiConstruct api = new ApiConstruct(this, "Api", props, functions.proxyAlias(), functions.adminAlias());
        AnalyticsConstruct analytics = new AnalyticsConstruct(this, "Analytics", props, storage);
        if (controlPlane != null) {
            ControlPlaneConstruct plane = new ControlPlaneConstruct(
                    this,
                    "ControlPlane",
                    props,
                    controlPlane,
                    storage,
                    secrets,
                    alerts,
                    shipper.function(),
                    api.api(),
                    functions.streamingWrapper());
            SecurityFindings.acceptControlPlane(plane, shipper.function().getRole());
            // for `aws lambda invoke` of a job on demand (docs/analytics.md, forecasting, month close)
            output(
                    "AnalyticsJobsFunctionName",
                    "Analytics jobs function (payload {\"job\":\"forecast\"}, \"month-close\", \"sla-collect\", ...)",
                    plane.jobs().getFunctionName());
        }
        createAlarms(functions, shipper, api.api(), alerts);
        createOutputs(api.api(), storage, secrets, alerts, analytics);
        SecurityFindings.accept(storage, secrets, functions, shipper, api);

        Tags.of(this).add("app", "tollgate");
        Tags.of(this).add("stage", props.stage());
    }

    private void createAlarms(
            final FunctionsConstruct functions,
            final SpendLogShipperConstruct shipper,
            final RestApi api,
            final AlertsConstruct alerts) {
        Map<String, Function> watched = new LinkedHashMap<>();
        watched.put("Proxy", functions.proxy());
        watched.put("Admin", functions.admin());
        watched.put("Shipper", shipper.function());
        watched.put("Jobs", functions.jobs());
        new AlarmsConstruct(
                this, "Alarms", props, api, watched, shipper.function(), shipper.deadLetterQueue(), alerts.topic());
    }

    private void createOutputs(
            final RestApi api,
            final StorageConstruct storage,
            final SecretsConstruct secrets,
            final AlertsConstruct alerts,
            final AnalyticsConstruct analytics) {
        output("ApiUrl", "Invoke URL of the API stage (admin API: <ApiUrl>key/generate, ...)", api.getUrl());
        output("OpenAiBaseUrl", "base_url for OpenAI SDKs", api.getUrl() + "v1");
        output(
                "AlertsTopicArn",
                "SNS topic of budget, SLA and operational alerts",
                alerts.topic().getTopicArn());
        output(
                "MasterKeySecretArn",
                "Secrets Manager secret holding the master key",
                secrets.masterKey().getSecretArn());
        output(
                "ProviderSecretsArn",
                "Secrets Manager secret for provider API keys (JSON object NAME -> value)",
                secrets.providerSecrets().getSecretArn());
        output("TableName", "DynamoDB table", storage.table().getTableName());
        output(
                "SpendLogBucketName",
                "S3 bucket of the spend logs (spend-logs/dt=.../hour=.../)",
                storage.spendLogBucket().getBucketName());
        output(
                "AthenaWorkGroup",
                "Athena workgroup with the saved spend reports",
                analytics.workGroup().getRef());
        output(
                "GlueDatabase",
                "Glue database holding the spend_logs table",
                analytics.database().getRef());
    }

    private void output(final String id, final String description, final String value) {
        CfnOutput.Builder.create(this, id).description(description).value(value).build();
    }
}
