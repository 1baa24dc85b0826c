package dev.tollgate.analytics.chargeback;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.analytics.store.AnalyticsZone;
import dev.tollgate.analytics.store.SchemaMigrations;
import dev.tollgate.gateway.alerts.AlertService;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.ZoneId;
import javax.sql.DataSource;

/** Chargeback's beans, wherever the control-plane store is configured. */
@Factory
@Requires(beans = DataSource.class)
public class ChargebackBeans {

    @Singleton
    public AllocationRules allocationRules(
            TransactionOperations<Connection> tx, ObjectMapper json, Clock clock, SchemaMigrations schema) {
        return new AllocationRules(tx, json, clock);
    }

    @Singleton
    public ChargebackReports chargebackReports(
            TransactionOperations<Connection> tx,
            AllocationRules rules,
            ObjectMapper json,
            Clock clock,
            @AnalyticsZone ZoneId zone) {
        return new ChargebackReports(tx, rules, json, clock, zone);
    }

    @Singleton
    public MonthClose monthClose(
            ChargebackReports reports,
            jakarta.inject.Provider<AlertService> alerts,
            ObjectMapper json,
            Clock clock,
            @AnalyticsZone ZoneId zone) {
        return new MonthClose(
                reports,
                (month, total) -> new AlertServiceDraftReadyAlerts(alerts.get(), clock).ready(month, total),
                json,
                clock,
                zone);
    }

    @Singleton
    public ChargebackExports chargebackExports(ObjectMapper json, ChargebackReports reports) {
        return new ChargebackExports(json, reports);
    }
}
