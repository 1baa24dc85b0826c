package dev.tollgate.analytics.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.analytics.report.CostReports;
import dev.tollgate.analytics.report.DailyActivity;
import dev.tollgate.analytics.report.DayFragments;
import dev.tollgate.analytics.report.Exports;
import dev.tollgate.analytics.report.FocusRow;
import dev.tollgate.analytics.report.FragmentRetention;
import dev.tollgate.analytics.report.JdbcDayFragments;
import dev.tollgate.analytics.report.JdbcRollupReader;
import dev.tollgate.analytics.report.LiteLlmReports;
import dev.tollgate.analytics.report.RollupReader;
import dev.tollgate.analytics.report.RollupSpendSummary;
import dev.tollgate.analytics.rollup.JdbcRollupStore;
import dev.tollgate.analytics.rollup.RollupObserver;
import dev.tollgate.analytics.rollup.RollupRebuilder;
import dev.tollgate.analytics.rollup.RollupStore;
import dev.tollgate.analytics.rollup.S3SpendLogObjects;
import dev.tollgate.gateway.budget.LedgerFactory;
import dev.tollgate.gateway.config.GatewayConfig;
import dev.tollgate.gateway.cost.PriceBook;
import dev.tollgate.gateway.spendlog.SpendLogObserver;
import dev.tollgate.gateway.spendlog.SpendSummary;
import dev.tollgate.gateway.storage.StorageSettings;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import javax.sql.DataSource;
import software.amazon.awssdk.services.s3.S3Client;

/** The control plane's beans, wherever a datasource is configured ({@code datasources.default.url}). */
@Factory
@Requires(beans = DataSource.class)
public class AnalyticsBeans {

    /** Days of the rollups are calendar days in the budgets' time zone ({@code settings.budgets.zone}). */
    @Singleton
    @AnalyticsZone
    public ZoneId analyticsZone(GatewayConfig config) {
        return LedgerFactory.zone(config);
    }

    @Singleton
    public RollupStore rollupStore(
            TransactionOperations<Connection> tx, @AnalyticsZone ZoneId zone, SchemaMigrations schema) {
        return new JdbcRollupStore(tx, zone);
    }

    @Singleton
    public RollupReader rollupReader(
            TransactionOperations<Connection> tx, JdbcOperations jdbc, SchemaMigrations schema) {
        return new JdbcRollupReader(tx, jdbc);
    }

    @Singleton
    public LiteLlmReports liteLlmReports(
            RollupReader reader, @AnalyticsZone ZoneId zone, DayFragments fragments, ObjectMapper json) {
        return new LiteLlmReports(reader, zone, fragments, json);
    }

    /** The stored day fragments of LiteLLM's day-grouped reports (V16). */
    @Singleton
    public DayFragments dayFragments(TransactionOperations<Connection> tx, SchemaMigrations schema) {
        return new JdbcDayFragments(tx);
    }

    @Singleton
    public FragmentRetention fragmentRetention(
            DayFragments fragments,
            @Value("${tollgate.reports.fragment-retention-days:400}") int retentionDays,
            Clock clock,
            @AnalyticsZone ZoneId zone) {
        return new FragmentRetention(fragments, retentionDays, clock, zone);
    }

    @Singleton
    public DailyActivity dailyActivity(RollupReader reader) {
        return new DailyActivity(reader);
    }

    @Singleton
    public CostReports costReports(RollupReader reader) {
        return new CostReports(reader);
    }

    /** Exports; FOCUS splits input and output cost by the models' list rates from the price book. */
    @Singleton
    public Exports exports(RollupReader reader, @AnalyticsZone ZoneId zone, PriceBook prices) {
        return new Exports(
                reader,
                zone,
                model -> prices.find(model)
                        .map(p -> new FocusRow.Rates(p.inputCostPerToken(), p.outputCostPerToken()))
                        .orElse(null));
    }

    /** Rebuilds read the spend-log bucket ({@code tollgate.storage.bucket}). */
    @Singleton
    @Requires(beans = S3Client.class)
    @Requires(property = "tollgate.storage.bucket")
    public RollupRebuilder rollupRebuilder(
            S3Client s3,
            StorageSettings storage,
            RollupStore store,
            @AnalyticsZone ZoneId zone,
            LiteLlmReports reports,
            FragmentRetention retention) {
        // the rebuilt days within the fragments' retention: older ones would be pruned the next night
        return new RollupRebuilder(new S3SpendLogObjects(s3, storage.getBucket()), store, zone, (from, to) -> {
            LocalDate kept = retention.keptFrom();
            return reports.warmUp(from.isBefore(kept) ? kept : from, to);
        });
    }

    /** {@code /spend/logs?summarize=true} answers from the rollups. */
    @Singleton
    public SpendSummary spendSummary(RollupReader reader) {
        return new RollupSpendSummary(reader);
    }

    /** The shipper folds every object it writes into the rollups. */
    @Singleton
    public SpendLogObserver rollupObserver(RollupStore store) {
        return new RollupObserver(store);
    }
}
