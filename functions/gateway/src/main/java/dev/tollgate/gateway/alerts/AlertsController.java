package dev.tollgate.gateway.alerts;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.errors.GatewayException;
import dev.tollgate.gateway.http.AdminOnly;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * {@code GET /alerts?team_id=&user_id=&limit=}: fired alerts, newest first, as {@code {"data": [...]}}
 * with the same fields as the SNS JSON payload. Master key only. Default limit 50, at most 500.
 */
@AdminOnly
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class AlertsController {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    private final AlertService alerts;

    AlertsController(AlertService alerts) {
        this.alerts = alerts;
    }

    @Get("/alerts")
    public ObjectNode list(
            @Nullable @QueryValue("team_id") String teamId,
            @Nullable @QueryValue("user_id") String userId,
            @Nullable @QueryValue("limit") String limit) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ArrayNode data = body.putArray("data");
        alerts.recent(blankToNull(teamId), blankToNull(userId), limit(limit))
                .forEach(e -> data.add(AlertMessages.payload(e)));
        return body;
    }

    private static int limit(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw GatewayException.invalidRequest(
                "limit must be a whole number from 1 to " + MAX_LIMIT + ", got '" + value + "'", "limit");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
