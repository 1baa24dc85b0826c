package dev.tollgate.analytics.store;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import java.time.Clock;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * On AWS ({@code tollgate.analytics.iam-auth: true}, set by the CDK stack): the pool opens its
 * connections through {@link IamAuthDataSource}, with the function role's credentials, instead of a
 * password.
 */
@Singleton
@Requires(property = "tollgate.analytics.iam-auth", value = "true")
public class IamAuthConfigurer implements BeanCreatedEventListener<DatasourceConfiguration> {
    private final String region;

    public IamAuthConfigurer(
            @io.micronaut.context.annotation.Value("${tollgate.analytics.region:${aws.region:us-east-1}}")
                    String region) {
        this.region = region;
    }

    @Override
    public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration config = event.getBean();
        IamAuthTokens tokens =
                new IamAuthTokens(DefaultCredentialsProvider.builder().build(), region, Clock.systemUTC());
        config.setDataSource(new IamAuthDataSource(config.getUrl(), config.getUsername(), tokens));
        return config;
    }
}
