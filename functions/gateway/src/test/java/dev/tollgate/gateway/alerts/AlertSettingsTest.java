package dev.tollgate.gateway.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.gateway.config.AlertSettings;
import dev.tollgate.gateway.config.ConfigException;
import dev.tollgate.gateway.config.ConfigLoader;
import dev.tollgate.gateway.config.GatewaySettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code settings.alerts} in {@code tollgate.yml}. */
class AlertSettingsTest {
    private final ConfigLoader loader = new ConfigLoader(Map.<String, String>of()::get);

    @Test
    void absent_defaultsToEightyAndHundred_sevenDays_ninetyDays() {
        AlertSettings alerts = GatewaySettings.DEFAULT.alertsOrDefault();

        assertEquals(List.of(80, 100), alerts.thresholdsOrDefault());
        assertEquals(7, alerts.keyExpiryWarning());
        assertEquals(90, alerts.history());
    }

    @Test
    void thresholds_areParsedSortedAndDeduplicated() {
        AlertSettings alerts = loader.parse("""
                models: []
                settings:
                  alerts:
                    thresholds: [100, 50, 80, 80]
                    key_expiry_warning_days: 3
                    history_days: 30
                """, "test").settings().alertsOrDefault();

        assertEquals(List.of(50, 80, 100), alerts.thresholdsOrDefault());
        assertEquals(3, alerts.keyExpiryWarning());
        assertEquals(30, alerts.history());
    }

    @Test
    void emptyThresholds_turnThresholdAlertsOff() {
        AlertSettings alerts = loader.parse("models: []\nsettings:\n  alerts:\n    thresholds: []\n", "test")
                .settings()
                .alertsOrDefault();

        assertTrue(alerts.thresholdsOrDefault().isEmpty());
    }

    @Test
    void thresholdAboveHundred_isAConfigErrorNamingTheField() {
        ConfigException e = assertThrows(
                ConfigException.class,
                () -> loader.parse("models: []\nsettings:\n  alerts:\n    thresholds: [80, 150]\n", "test"));

        assertTrue(e.getMessage().contains("settings.alerts.thresholds: 150"), e.getMessage());
    }

    @Test
    void unknownAlertSetting_isAConfigError() {
        assertThrows(
                ConfigException.class,
                () -> loader.parse("models: []\nsettings:\n  alerts:\n    treshold: [80]\n", "test"));
    }
}
