package dev.tollgate.analytics.sla;

import dev.tollgate.analytics.api.Listing;
import dev.tollgate.gateway.errors.GatewayException;
import dev.tollgate.gateway.http.AdminOnly;
import dev.tollgate.gateway.http.RequestBodies;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** {@code /api/v1/sla/*} (master key); see {@link SlaService}. */
@AdminOnly
@Controller("/api/v1/sla")
@ExecuteOn(TaskExecutors.BLOCKING)
@Requires(beans = SlaService.class)
public class SlaController {
    private final SlaService sla;
    private final RequestBodies bodies;
    private final Clock clock;

    public SlaController(SlaService sla, RequestBodies bodies, Clock clock) {
        this.sla = sla;
        this.bodies = bodies;
        this.clock = clock;
    }

    @Post(uri = "/definitions", consumes = MediaType.ALL)
    public Map<String, Object> create(@Nullable @Body byte[] body) {
        return sla.create(bodies.object(body));
    }

    @Get("/definitions")
    public Map<String, Object> list() {
        return Listing.of(sla.list());
    }

    @Get("/definitions/{id}")
    public Map<String, Object> get(String id) {
        return sla.get(id);
    }

    @Put(uri = "/definitions/{id}", consumes = MediaType.ALL)
    public Map<String, Object> update(String id, @Nullable @Body byte[] body) {
        return sla.update(id, bodies.object(body));
    }

    @Delete("/definitions/{id}")
    public Map<String, Object> delete(String id) {
        return sla.delete(id);
    }

    @Get("/health{?window_minutes}")
    public Map<String, Object> health(@Nullable @QueryValue("window_minutes") Integer window) {
        return sla.health(window);
    }

    @Get("/health/history{?hours,model,provider}")
    public Map<String, Object> history(
            @Nullable @QueryValue Integer hours,
            @Nullable @QueryValue String model,
            @Nullable @QueryValue String provider) {
        return sla.history(hours, model, provider);
    }

    @Get("/violations/active")
    public Map<String, Object> active() {
        return Listing.of(sla.active());
    }

    /** Violations open at some time between {@code from} and {@code to} (instants or dates; the last 7 days by default). */
    @Get("/violations{?from,to}")
    public Map<String, Object> violations(@Nullable @QueryValue String from, @Nullable @QueryValue String to) {
        Instant now = clock.instant();
        Instant end = to == null ? now : instant(to, "to", true);
        Instant start = from == null ? end.minus(Duration.ofDays(7)) : instant(from, "from", false);
        return Listing.of(sla.violations(start, end));
    }

    @Post(uri = "/violations/{id}/resolve", consumes = MediaType.ALL)
    public Map<String, Object> resolve(String id) {
        return sla.resolve(id);
    }

    /**
     * Runs the collector now (what the schedule does every five minutes); {@code include_current_bucket=true}
     * also counts the five-minute bucket in progress (the dashboard's "Check now").
     */
    @Post(uri = "/collect", consumes = MediaType.ALL)
    public Map<String, Object> collect(@Nullable @QueryValue("include_current_bucket") Boolean includeCurrentBucket) {
        return sla.collect(Boolean.TRUE.equals(includeCurrentBucket)).view();
    }

    /** An ISO instant, or a date: its start (for {@code to}, the next day's start, so the day is included). */
    static Instant instant(String text, String param, boolean endOfDay) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notInstant) {
            try {
                LocalDate day = LocalDate.parse(text);
                return (endOfDay ? day.plusDays(1) : day)
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant();
            } catch (DateTimeParseException e) {
                throw GatewayException.invalidRequest(
                        "'" + param + "' must be an ISO-8601 instant (2026-12-05T14:00:00Z) or a date (2026-12-05)",
                        param);
            }
        }
    }
}
