package dev.tollgate.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard end to end in headless Chromium (docs/dashboard.md): {@code functions/ui/e2e/run.mjs},
 * driven by playwright-core, against this local gateway. It signs in (a wrong key first), creates a
 * team and a key with a budget and a soft limit, makes calls with that key, and checks Logs, Overview
 * and the key's budget bar (moving, then yellow past the soft limit), then signs in with the virtual
 * key and sees only its own data; then Spend, Budgets, Chargeback (a rule, a report generated, finalized and
 * exported), the SLA monitor (a definition, health history, a real violation from calls to {@code mock-flaky},
 * whose mock upstream always fails, opened by "Check now" and resolved; a failover rule to the second model) and,
 * where deployed, Forecasts. Screenshots of every page go to {@code target/ui-screenshots/}.
 *
 * <p>Needs Debian's {@code chromium} (/usr/bin/chromium, or $CHROMIUM) and the npm packages the
 * {@code functions/ui} module installs in the same build; {@code .ci/run} installs chromium.
 */
class DashboardUiTest {
    private static final String MASTER = "sk-dashboard-e2e-master-key";
    private static final Path UI = Path.of("..", "ui").toAbsolutePath().normalize();
    private static LocalGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = LocalGateway.start(LocalOptions.inMemory(MockModel.CONFIG + """
                  - name: mock-gpt-4o
                    provider: mock
                    base_model: gpt-4o
                  - name: mock-flaky
                    provider: mock
                    base_model: gpt-4o-mini
                    mock: {fail_status: 503}
                """, MASTER));
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
    }

    @Test
    void dashboard_inHeadlessChromium_signsInManagesKeysAndShowsSpendLogsAndBudgets() throws Exception {
        String chromium = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
        assertTrue(
                Files.isExecutable(Path.of(chromium)),
                "The dashboard test needs Chromium at " + chromium
                        + ": apt-get install -y chromium (or set CHROMIUM to another Chromium binary)");
        assertTrue(
                Files.isDirectory(UI.resolve("node_modules/playwright-core")),
                "playwright-core is missing under " + UI + ": build functions/ui first (npm ci runs there)");
        Path shots = Path.of("target", "ui-screenshots").toAbsolutePath();
        ProcessBuilder node =
                new ProcessBuilder("node", "e2e/run.mjs").directory(UI.toFile()).inheritIO();
        node.environment().put("BASE_URL", "http://127.0.0.1:" + gateway.port());
        node.environment().put("MASTER_KEY", MASTER);
        node.environment().put("SCREENSHOTS", shots.toString());
        node.environment().put("CHROMIUM", chromium);
        Process process = node.start();
        boolean finished = process.waitFor(Duration.ofMinutes(3).toSeconds(), TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        assertTrue(finished, "the dashboard run took over 3 minutes");
        assertEquals(0, process.exitValue(), "the dashboard run failed; see its output and " + shots);
        assertTrue(Files.exists(shots.resolve("07-overview.png")));
    }
}
