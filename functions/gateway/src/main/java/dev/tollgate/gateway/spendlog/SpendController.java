package dev.tollgate.gateway.spendlog;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.errors.GatewayException;
import dev.tollgate.gateway.http.AdminAuth;
import dev.tollgate.gateway.http.AdminOnly;
import dev.tollgate.gateway.identity.Principal;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The spend endpoints of the admin API, over the recent log items in DynamoDB:
 * {@code GET /spend/logs} (filters, newest first, cursor paging) and {@code GET /spend/tags}
 * (requests and spend per tag in a period). Longer history: Athena over S3 ({@code athena-queries/}).
 * A virtual key (or its dashboard session) may read its own lines from {@code /spend/logs}, as it may
 * its own {@code /key/info}: the {@code api_key} filter is then its own, and naming another key is 403.
 * {@code /spend/tags} is master key only ({@link AdminOnly}).
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Requires(beans = DynamoDbSpendLogReader.class)
public class SpendController {
    private final AdminAuth auth;
    private final DynamoDbSpendLogReader reader;
    private final ObjectMapper json;
    private final SpendLogJson lines = new SpendLogJson();
    private final SpendSummary summary;

    public SpendController(
            AdminAuth auth, DynamoDbSpendLogReader reader, ObjectMapper json, @Nullable SpendSummary summary) {
        this.auth = auth;
        this.reader = reader;
        this.json = json;
        this.summary = summary;
    }

    @Get("/spend/logs")
    public Object logs(
            HttpRequest<?> request,
            @Nullable @QueryValue("api_key") String keyHash,
            @Nullable @QueryValue("user_id") String userId,
            @Nullable @QueryValue("team_id") String teamId,
            @Nullable @QueryValue("end_user") String endUser,
            @Nullable @QueryValue String model,
            @Nullable @QueryValue String tag,
            @Nullable @QueryValue String client,
            @Nullable @QueryValue("session_id") String sessionId,
            @Nullable @QueryValue("start_date") String start,
            @Nullable @QueryValue("end_date") String end,
            @Nullable @QueryValue String cursor,
            @Nullable @QueryValue Integer limit,
            @Nullable @QueryValue Boolean summarize) {
        Principal caller = auth.authenticate(request);
        if (Boolean.TRUE.equals(summarize)) {
            if (!caller.admin()) {
                throw auth.forbidden(request);
            }
            return summarized(start, end);
        }
        if (!caller.admin()) {
            if (caller.key() == null || (keyHash != null && !keyHash.isBlank() && !keyHash.equals(caller.keyHash()))) {
                throw auth.forbidden(request);
            }
            keyHash = caller.keyHash();
        }
        int size = limit == null ? 100 : limit;
        if (size < 1 || size > 1000) {
            throw GatewayException.invalidRequest("'limit' must be between 1 and 1000", "limit");
        }
        DynamoDbSpendLogReader.Page page = reader.read(new SpendLogQuery(
                keyHash,
                userId,
                teamId,
                endUser,
                model,
                tag,
                client,
                sessionId,
                time(start, "start_date", false),
                time(end, "end_date", true),
                cursor,
                size));
        ObjectNode answer = json.createObjectNode();
        ArrayNode data = answer.putArray("data");
        for (SpendLogRecord r : page.records()) {
            try {
                data.add(json.readTree(lines.write(r)));
            } catch (IOException e) {
                throw GatewayException.internal("could not encode a spend log");
            }
        }
        answer.put("next_cursor", page.nextCursor());
        return answer;
    }

    @AdminOnly
    @Get("/spend/tags")
    public ObjectNode tags(
            @Nullable @QueryValue("start_date") String start, @Nullable @QueryValue("end_date") String end) {
        Map<String, BigDecimal> spend = new TreeMap<>();
        Map<String, Integer> counts = new TreeMap<>();
        String cursor = null;
        do {
            DynamoDbSpendLogReader.Page page = reader.read(new SpendLogQuery(
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    time(start, "start_date", false),
                    time(end, "end_date", true),
                    cursor,
                    1000));
            for (SpendLogRecord r : page.records()) {
                for (String tag : r.tags() == null ? java.util.List.<String>of() : r.tags()) {
                    spend.merge(tag, r.cost(), BigDecimal::add);
                    counts.merge(tag, 1, Integer::sum);
                }
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        ObjectNode answer = json.createObjectNode();
        ArrayNode data = answer.putArray("spend_per_tag");
        spend.forEach((tag, total) -> data.addObject()
                .put("individual_request_tag", tag)
                .put("log_count", counts.get(tag))
                .put("total_spend", total));
        return answer;
    }

    /** LiteLLM's {@code summarize=true}: per-day totals from the rollups (dates required). */
    private Object summarized(String start, String end) {
        if (summary == null) {
            throw GatewayException.invalidRequest(
                    "summarize=true needs the control plane's rollups, which this deployment does not run",
                    "summarize");
        }
        LocalDate from = day(start, "start_date");
        LocalDate to = day(end, "end_date");
        if (to.isBefore(from)) {
            throw GatewayException.invalidRequest(
                    "'end_date' (" + to + ") is before 'start_date' (" + from + ")", "end_date");
        }
        return summary.daily(from, to);
    }

    private static LocalDate day(String value, String param) {
        if (value == null || value.isBlank()) {
            throw GatewayException.invalidRequest(
                    "'" + param + "' is required with summarize=true: a date in the form YYYY-MM-DD", param);
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw GatewayException.invalidRequest(
                    "'" + param + "' must be a date in the form YYYY-MM-DD (e.g. 2026-11-01), got '" + value + "'",
                    param);
        }
    }

    /** {@code 2026-11-23} (start or end of that UTC day) or an ISO instant. */
    private static Instant time(String value, String param, boolean endOfDay) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return (endOfDay ? day.plusDays(1) : day)
                        .atStartOfDay()
                        .toInstant(ZoneOffset.UTC)
                        .minusMillis(endOfDay ? 1 : 0);
            }
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw GatewayException.invalidRequest(
                    "'" + param + "' must be a date (2026-11-23) or an ISO instant", param);
        }
    }
}
