package dev.tollgate.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.analytics.chargeback.MonthCloseSchedule;
import dev.tollgate.analytics.forecast.ForecastSchedule;
import dev.tollgate.analytics.report.FragmentRetentionSchedule;
import dev.tollgate.analytics.sla.SlaSchedule;
import io.micronaut.context.annotation.Requires;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The in-process schedules (what EventBridge runs on AWS) run on the JVM's wall clock: {@code ./tollgate local} turns
 * every one of them on, the tests' gateways none unless they ask.
 */
class LocalOptionsTest {
    private static final List<Class<?>> SCHEDULES = List.of(
            SlaSchedule.class, ForecastSchedule.class, MonthCloseSchedule.class, FragmentRetentionSchedule.class);

    /** The property each schedule requires to be "true", read from its {@code @Requires}. */
    private static final Map<String, Object> EVERY_SCHEDULE = SCHEDULES.stream()
            .map(c -> Arrays.stream(c.getAnnotationsByType(Requires.class))
                    .filter(r -> !r.property().isEmpty())
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(c + " has no @Requires(property)")))
            .peek(r -> assertEquals("true", r.value(), r.toString()))
            .collect(Collectors.toMap(Requires::property, r -> true));

    @Test
    void tollgateLocal_runsEverySchedule() {
        assertEquals(4, EVERY_SCHEDULE.size(), EVERY_SCHEDULE.toString());
        assertEquals(
                EVERY_SCHEDULE,
                LocalGateway.scheduleProperties(LocalMain.options(4000, Path.of(".tollgate"), false, null)));
    }

    @Test
    void testGateways_runNone_unlessTheyAsk() {
        LocalOptions inMemory = LocalOptions.inMemory("models: []", "sk-m");
        assertTrue(LocalGateway.scheduleProperties(inMemory).isEmpty());
        assertEquals(EVERY_SCHEDULE, LocalGateway.scheduleProperties(inMemory.withSchedules()));
        assertTrue(LocalGateway.scheduleProperties(
                        LocalOptions.withoutStorage("models: []", "sk-m").withSchedules())
                .isEmpty());
    }
}
