package dev.tollgate.analytics.forecast;

import static dev.tollgate.analytics.testing.Calls.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.analytics.rollup.JdbcRollupStore;
import dev.tollgate.analytics.testing.PgContext;
import dev.tollgate.gateway.alerts.AlertEvent;
import dev.tollgate.gateway.alerts.AlertService;
import dev.tollgate.gateway.alerts.AlertType;
import dev.tollgate.gateway.alerts.DynamoDbAlertStore;
import dev.tollgate.gateway.budget.BudgetWindow;
import dev.tollgate.gateway.budget.DynamoDbGlobalBudgets;
import dev.tollgate.gateway.budget.GlobalBudgets;
import dev.tollgate.gateway.config.AlertSettings;
import dev.tollgate.gateway.config.BudgetSettings;
import dev.tollgate.gateway.identity.ApiKeys;
import dev.tollgate.gateway.identity.Change;
import dev.tollgate.gateway.identity.DynamoDbIdentityStore;
import dev.tollgate.gateway.identity.TestRecords;
import dev.tollgate.gateway.spendlog.SpendLogRecord;
import dev.tollgate.gateway.testing.CapturingInterceptor;
import dev.tollgate.gateway.testing.DynamoDbLocal;
import io.micronaut.transaction.TransactionOperations;
import java.math.BigDecimal;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Budgets set through the LiteLLM-style admin API (records in DynamoDB Local, windows of a day, a week and a
 * month, per-model budgets) forecast to the end of each current window from the rollups (embedded
 * PostgreSQL), with one {@code forecast_overrun} per scope and window through the budget alerts' once-only
 * markers in the same table.
 */
class AdminBudgetForecastTest {
    /** Wednesday 2026-11-18, 09:00 UTC: the week began Monday the 16th, the month on the 1st. */
    private static final Instant NOW = Instant.parse("2026-11-18T09:00:00Z");

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 18);
    private static final String SECRET = "sk-forecast-0123456789abcdefghijklmnop";
    private static final String KEY_HASH = ApiKeys.sha256Hex(SECRET);
    private static final AtomicInteger IDS = new AtomicInteger();

    @RegisterExtension
    static final PgContext PG = new PgContext();

    private static TransactionOperations<Connection> tx;
    private static JdbcRollupStore rollups;
    private static final CapturingInterceptor<SdkRequest> SENT = CapturingInterceptor.all();
    private static DynamoDbClient dynamo;
    private String table;
    private DynamoDbIdentityStore identities;
    private final List<AlertEvent> published = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        tx = PG.tx();
        rollups = new JdbcRollupStore(tx, ZoneOffset.UTC);
        dynamo = DynamoDbLocal.client(SENT);
    }

    @AfterAll
    static void stop() {
        dynamo.close();
    }

    @BeforeEach
    void empty() {
        PG.truncate(
                "forecast, forecast_day, rollup_daily, rollup_user_daily, rollup_user_monthly," + " ingested_object");
        table = DynamoDbLocal.createTable(dynamo, "forecast");
        identities = new DynamoDbIdentityStore(dynamo, table);
    }

    private ForecastService service(Instant now) {
        return service(now, new DynamoDbBudgetedScopes(dynamo, table));
    }

    private ForecastService service(Instant now, BudgetedScopes budgeted) {
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        AlertService alerts = new AlertService(
                new DynamoDbAlertStore(dynamo, table, Duration.ofDays(30)),
                published::add,
                AlertSettings.DEFAULT,
                ZoneOffset.UTC,
                clock);
        return new ForecastService(
                new JdbcSpendHistory(tx),
                new JdbcForecastStore(tx),
                budgeted::all,
                new AlertServiceOverrunAlerts(alerts, ZoneOffset.UTC, clock),
                new BigDecimal("0.8"),
                new Forecaster(),
                clock,
                ZoneOffset.UTC);
    }

    /** One call a day of {@code cost} (weekends at 40%) on the key, for the {@code days} days before TODAY. */
    private static void spend(int days, double cost, String endUser) {
        List<SpendLogRecord> lines = new ArrayList<>();
        for (int d = days; d >= 1; d--) {
            LocalDate day = TODAY.minusDays(d);
            double c = day.getDayOfWeek().getValue() >= 6 ? cost * 0.4 : cost;
            lines.add(call(
                            "r" + IDS.incrementAndGet(),
                            day.atTime(12, 0).toInstant(ZoneOffset.UTC),
                            "ml",
                            "alice",
                            BigDecimal.valueOf(c).toPlainString())
                    .toBuilder()
                    .keyHash(KEY_HASH)
                    .endUser(endUser)
                    .build());
        }
        rollups.fold("spend-logs/" + IDS.incrementAndGet() + ".json.gz", lines);
    }

    private void adminBudgets() {
        identities.apply(
                new Change.Create(
                        TestRecords.team(
                                "ml",
                                "{\"max_budget\":50,\"budget_duration\":\"7d\","
                                        + "\"budget_limits\":[{\"budget_duration\":\"1mo\",\"max_budget\":1000}],"
                                        + "\"model_max_budget\":{\"gpt-4o-mini\":{\"budget_limit\":5,\"time_period\":\"1d\"}}}")),
                new Change.Create(
                        TestRecords.key(SECRET, "{\"team_id\":\"ml\",\"max_budget\":3,\"budget_duration\":\"1d\"}")),
                new Change.Create(TestRecords.user("alice", "{\"max_budget\":1000,\"budget_duration\":\"monthly\"}")),
                new Change.Create(TestRecords.endUser("acme", "{\"max_budget\":10,\"budget_duration\":\"30d\"}")),
                new Change.Create(TestRecords.tag("hourly", "{\"max_budget\":1,\"budget_duration\":\"1h\"}")),
                new Change.Create(TestRecords.tag("forever", "{\"max_budget\":1}")),
                new Change.Create(TestRecords.key(
                        "sk-blocked-0123456789abcdefghijklmnop",
                        "{\"blocked\":true,\"max_budget\":1,\"budget_duration\":\"1d\"}")));
    }

    private static String describe(ForecastScope s) {
        return s.type().code() + " " + s.id() + " " + s.window().code() + " "
                + s.budget().stripTrailingZeros().toPlainString();
    }

    @Test
    void all_readsEveryDayWeekAndMonthBudget_notHoursLifetimeOrBlockedKeys() {
        adminBudgets();

        Set<String> scopes = new DynamoDbBudgetedScopes(dynamo, table)
                .all().stream().map(AdminBudgetForecastTest::describe).collect(Collectors.toSet());

        assertEquals(
                Set.of(
                        "team ml 7d 50",
                        "team ml 1mo 1000",
                        "team_model ml/gpt-4o-mini 1d 5",
                        "key " + KEY_HASH + " 1d 3",
                        "user alice 1mo 1000",
                        "customer acme 1mo 10"),
                scopes);
    }

    @Test
    void all_queriesEachKindOnTheIndex_neverScansTheTable() {
        adminBudgets();
        SENT.clear();

        new DynamoDbBudgetedScopes(dynamo, table).all();

        // the jobs role may Query gsi1 and nothing else (ControlPlaneConstruct): a Scan or a GetItem here would
        // be AccessDenied on AWS, and a Scan would read every counter and log item of the table
        List<SdkRequest> sent = List.copyOf(SENT.requests());
        assertEquals(5, sent.size(), sent.toString());
        List<String> partitions = new ArrayList<>();
        for (SdkRequest r : sent) {
            QueryRequest q = assertInstanceOf(QueryRequest.class, r);
            assertEquals("gsi1", q.indexName());
            assertEquals("gsi1pk = :p", q.keyConditionExpression());
            partitions.add(q.expressionAttributeValues().get(":p").s());
        }
        assertEquals(List.of("TEAMS", "USERS", "KEYS", "ENDUSERS", "TAGS"), partitions);
    }

    @Test
    void scopes_oneEntryPerScopeAndWindow_keepingTheLowerLimit_thenUnbudgetedTeams() {
        List<ForecastScope> budgeted = List.of(
                new ForecastScope(ScopeType.TEAM, "ml", new BigDecimal("200")), // max_budget, budget_duration 1mo
                new ForecastScope(ScopeType.TEAM, "ml", new BigDecimal("150"), BudgetWindow.MONTH), // budget_limits 1mo
                new ForecastScope(ScopeType.TEAM, "ml", new BigDecimal("20"), BudgetWindow.DAY));

        var scopes = ForecastService.scopes(budgeted, List.of("ml", "data"));

        assertEquals(2, scopes.size());
        List<ForecastScope> ml = scopes.get("team\u0000ml");
        assertEquals(
                List.of("1d 20", "1mo 150"),
                ml.stream()
                        .map(s -> s.window().code() + " " + s.budget().toPlainString())
                        .toList());
        assertEquals(List.of(new ForecastScope(ScopeType.TEAM, "data", null)), scopes.get("team\u0000data"));
    }

    @Test
    void generate_forecastsEachAdminWindowToItsEnd_andAlertsOncePerScopeAndWindow() {
        adminBudgets();
        spend(60, 4, "acme"); // $4 a weekday, $1.60 a weekend day

        List<Forecast> all = service(NOW).generate();

        // team ml: this week (Mon 16 – Sun 22), this month, and next month against the monthly budget
        Forecast week = find(all, ScopeType.TEAM, "ml", BudgetWindow.WEEK);
        assertEquals(LocalDate.of(2026, 11, 16), week.periodStart());
        assertEquals(LocalDate.of(2026, 11, 22), week.periodEnd());
        assertEquals(7, week.daily().size());
        assertEquals(0, new BigDecimal("8").compareTo(week.actualToDate()), "Monday and Tuesday: 2 x 4");
        // Wed–Fri 3 x 4 + Sat–Sun 2 x 1.6 = 15.2 more: about 23.2 of 50
        assertTrue(Math.abs(week.forecastedCost().doubleValue() - 23.2) < 1.5, "week " + week.forecastedCost());
        assertTrue(week.probabilityOverBudget().doubleValue() < 0.01);
        Forecast month = find(all, ScopeType.TEAM, "ml", BudgetWindow.MONTH);
        assertEquals(LocalDate.of(2026, 11, 30), month.periodEnd());
        assertEquals(0, new BigDecimal("1000").compareTo(month.budget()));
        Forecast next = all.stream()
                .filter(f -> f.scopeId().equals("ml") && f.horizon() == Forecast.Horizon.NEXT_MONTH)
                .findFirst()
                .orElseThrow();
        assertEquals(0, new BigDecimal("1000").compareTo(next.budget()));

        // the key's $3 day: today alone, forecast about $4 → over, and runs out today
        Forecast keyDay = find(all, ScopeType.KEY, KEY_HASH, BudgetWindow.DAY);
        assertEquals(TODAY, keyDay.periodStart());
        assertEquals(TODAY, keyDay.periodEnd());
        assertEquals("ml", keyDay.teamId());
        assertTrue(keyDay.probabilityOverBudget().doubleValue() >= 0.8, "key " + keyDay.probabilityOverBudget());
        assertEquals(TODAY, keyDay.projectedExhaustionDate());
        // the team's $5 a day on gpt-4o-mini: about $4 forecast, not over
        Forecast model = find(all, ScopeType.TEAM_MODEL, "ml/gpt-4o-mini", BudgetWindow.DAY);
        assertTrue(Math.abs(model.forecastedCost().doubleValue() - 4) < 0.5, "model " + model.forecastedCost());
        assertNull(model.projectedExhaustionDate());
        // the customer's $10 a month (30d is the calendar month): 17 days spent already, far over
        Forecast customer = find(all, ScopeType.CUSTOMER, "acme", BudgetWindow.MONTH);
        assertEquals(0, BigDecimal.ONE.compareTo(customer.probabilityOverBudget()));

        assertEquals(
                Set.of("KEY " + KEY_HASH + " 1d", "ENDUSER acme 1mo"),
                published.stream()
                        .peek(e -> assertEquals(AlertType.FORECAST_OVERRUN, e.type()))
                        .map(e -> e.scope().prefix() + " " + e.id() + " "
                                + e.window().code())
                        .collect(Collectors.toSet()),
                "one alert per scope and window over the 80% line");
        assertTrue(published.stream().anyMatch(e -> e.windowKey().equals("1d#2026-11-18T00:00:00Z")));

        // a second run the same day: stored again (replaced), alerted no more; the next day is a new key window
        service(NOW.plusSeconds(3600)).generate();
        assertEquals(2, published.size());
        service(NOW.plusSeconds(86_400)).generate();
        assertEquals(3, published.size(), "the key's next day is a new window; the customer's month is not");
        assertEquals("1d#2026-11-19T00:00:00Z", published.get(2).windowKey(), "the key's window of the 19th");
    }

    /** tollgate.yml: $100 a month and $50 a day for the whole gateway. */
    private static final BudgetSettings YML_GLOBAL = new BudgetSettings(
            null,
            List.of(
                    new BudgetSettings.WindowBudget("1mo", new BigDecimal("100")),
                    new BudgetSettings.WindowBudget("1d", new BigDecimal("50"))),
            null,
            null,
            null,
            null,
            null,
            null);

    @Test
    void globalBudget_raisedAtRuntime_isTheMonthlyLimitForecast_notTollgateYmls() {
        spend(60, 10, null); // $10 a weekday, $4 a weekend day: about $250 this month
        DynamoDbGlobalBudgets runtime = new DynamoDbGlobalBudgets(dynamo, table);
        BudgetedScopes global = ForecastBeans.enforced(dynamo, table, YML_GLOBAL, runtime);

        // GIVEN only tollgate.yml's $100 a month: the month is forecast over it (so this test can fail)
        List<Forecast> before = service(NOW, global).generate();
        Forecast ymlMonth = find(before, ScopeType.GLOBAL, "global", BudgetWindow.MONTH);
        assertEquals(0, new BigDecimal("100").compareTo(ymlMonth.budget()));
        assertTrue(ymlMonth.probabilityOverBudget().doubleValue() >= 0.8, "yml " + ymlMonth.probabilityOverBudget());
        assertEquals(1, published.size(), published.toString());

        // WHEN the global budget is raised to $1000 at runtime (the item POST /api/v1/budgets entity_type global
        // writes, which the proxy enforces in place of tollgate.yml's 1mo)
        runtime.set(new GlobalBudgets.Monthly(new BigDecimal("1000"), new BigDecimal("800")));
        List<Forecast> after = service(NOW.plusSeconds(3600), global).generate();

        // THEN the month is forecast against $1000, no new alert; the yml's daily $50 stays (the proxy keeps it too)
        Forecast month = find(after, ScopeType.GLOBAL, "global", BudgetWindow.MONTH);
        assertEquals(0, new BigDecimal("1000").compareTo(month.budget()));
        assertTrue(month.probabilityOverBudget().doubleValue() < 0.01, "runtime " + month.probabilityOverBudget());
        assertNull(month.projectedExhaustionDate());
        assertEquals(
                0,
                new BigDecimal("50")
                        .compareTo(find(after, ScopeType.GLOBAL, "global", BudgetWindow.DAY)
                                .budget()));
        assertEquals(1, published.size(), "no forecast_overrun against a limit the gateway no longer enforces");
    }

    @Test
    void globalBudget_setAtRuntimeWithoutAHardLimit_leavesNoMonthlyBudgetToForecast() {
        DynamoDbGlobalBudgets runtime = new DynamoDbGlobalBudgets(dynamo, table);
        runtime.set(new GlobalBudgets.Monthly(null, new BigDecimal("80"))); // a soft alert only

        Set<String> scopes = ForecastBeans.enforced(dynamo, table, YML_GLOBAL, runtime).all().stream()
                .map(AdminBudgetForecastTest::describe)
                .collect(Collectors.toSet());

        // the proxy refuses nothing monthly any more (an uncapped 1mo counter): nor is anything forecast against $100
        assertEquals(Set.of("global global 1d 50"), scopes);
    }

    @Test
    void teamBudget_raisedThroughTheAdminApi_isForecastAtTheRecordsLimit() {
        // GIVEN the team's $100 a month, as /api/v1/budgets writes it onto the record, then /team/update to $1000
        var set = TestRecords.team("ml", "{\"max_budget\":100,\"budget_duration\":\"1mo\",\"soft_budget\":80}");
        identities.apply(new Change.Create(set));
        identities.apply(new Change.Replace(
                set, TestRecords.team("ml", "{\"max_budget\":1000,\"budget_duration\":\"1mo\",\"soft_budget\":80}")));
        spend(60, 10, null); // about $250 this month

        List<Forecast> all = service(NOW, ForecastBeans.enforced(dynamo, table, BudgetSettings.DEFAULT, null))
                .generate();

        Forecast month = find(all, ScopeType.TEAM, "ml", BudgetWindow.MONTH);
        assertEquals(0, new BigDecimal("1000").compareTo(month.budget()));
        assertTrue(month.probabilityOverBudget().doubleValue() < 0.01, "team " + month.probabilityOverBudget());
        assertTrue(published.isEmpty(), published.toString());
    }

    private static Forecast find(List<Forecast> all, ScopeType type, String id, BudgetWindow window) {
        return all.stream()
                .filter(f -> f.scopeType() == type
                        && f.scopeId().equals(id)
                        && f.horizon() == Forecast.Horizon.BUDGET_WINDOW
                        && f.window() == window)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " " + id + " " + window + " in " + all.size()));
    }
}
