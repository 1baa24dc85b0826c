package dev.tollgate.analytics.budget;

import dev.tollgate.analytics.store.SchemaMigrations;
import dev.tollgate.gateway.admin.EntityBudgets;
import dev.tollgate.gateway.admission.BudgetScopes;
import dev.tollgate.gateway.alerts.AlertDelivery;
import dev.tollgate.gateway.budget.BudgetLedger;
import dev.tollgate.gateway.identity.Authenticator;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import javax.sql.DataSource;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sns.SnsClient;

/** The budgets API's beans: wherever the store and the identity records both exist. */
@Factory
@Requires(beans = {DataSource.class, EntityBudgets.class})
public class BudgetBeans {

    @Singleton
    @Requires(beans = SnsClient.class)
    @Requires(property = "tollgate.alerts.topic-arn")
    public AlertSubscriptions snsSubscriptions(SnsClient sns, AlertDelivery delivery) {
        return new SnsAlertSubscriptions(sns, delivery.getTopicArn());
    }

    /** Locally there is no mail: the subscription is printed. */
    @Singleton
    @Requires(missingProperty = "tollgate.alerts.topic-arn")
    public AlertSubscriptions printedSubscriptions() {
        return (email, type, id) -> LoggerFactory.getLogger(AlertSubscriptions.class)
                .info(
                        "alert subscription: {} gets the alerts of {} '{}' (filter {})",
                        email,
                        type,
                        id,
                        SnsAlertSubscriptions.filterPolicy(type, id));
    }

    @Singleton
    public BudgetService budgetService(
            BudgetRepository repository,
            EntityBudgets entities,
            AlertSubscriptions subscriptions,
            Clock clock,
            SchemaMigrations schema) {
        return new BudgetService(repository, entities, subscriptions, clock);
    }

    @Singleton
    public BudgetCheck budgetCheck(Authenticator authenticator, BudgetScopes scopes, BudgetLedger ledger, Clock clock) {
        return new BudgetCheck(authenticator, scopes, ledger, clock);
    }
}
