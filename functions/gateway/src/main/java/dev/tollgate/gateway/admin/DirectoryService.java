package dev.tollgate.gateway.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.errors.GatewayException;
import dev.tollgate.gateway.identity.BudgetLimits;
import dev.tollgate.gateway.identity.IdentityJson;
import dev.tollgate.gateway.identity.IdentityStore;
import dev.tollgate.gateway.identity.TeamRecord;
import dev.tollgate.gateway.identity.UserRecord;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * {@code GET /team/list}, {@code /v2/team/list} and {@code /user/list}: teams and users by id, filtered
 * and paged here, each with the spend section of its info response ({@link BudgetReport}: one ledger read
 * per listed record that has a budget).
 */
@Singleton
@Requires(beans = IdentityStore.class)
class DirectoryService {
    static final int DEFAULT_PAGE_SIZE = 25;
    static final int MAX_PAGE_SIZE = 100;

    private final IdentityStore store;
    private final BudgetReport report;

    DirectoryService(IdentityStore store, BudgetReport report) {
        this.store = store;
        this.report = report;
    }

    /**
     * The filters of a team list; null or blank ones do not filter. Tollgate has no organizations, so an
     * {@code organizationId} is refused rather than ignored.
     */
    record Filter(String userId, String organizationId, String search) {
        Filter {
            if (!blank(organizationId)) {
                throw GatewayException.invalidRequest(
                        "organizations are not supported: 'organization_id' filters nothing", "organization_id");
            }
        }
    }

    /** {@code GET /team/list}: every team (LiteLLM: a JSON array), optionally those of one user. */
    ArrayNode teams(Filter filter) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        store.teams().stream().filter(teamMatches(filter, null)).forEach(t -> out.add(teamView(t)));
        return out;
    }

    /**
     * {@code GET /v2/team/list}: {@code {"teams": [...], "total", "page", "page_size", "total_pages"}}; a team
     * matches {@code team_alias} by a case-insensitive substring.
     */
    ObjectNode teamsPage(Filter filter, String teamAlias, Integer page, Integer pageSize) {
        List<TeamRecord> matching =
                store.teams().stream().filter(teamMatches(filter, teamAlias)).toList();
        return page("teams", matching, page, pageSize, this::teamView);
    }

    /**
     * {@code GET /user/list}: {@code {"users": [...], "total", "page", "page_size", "total_pages"}}, by id;
     * {@code user_ids} is a comma-separated list, {@code user_email} a case-insensitive substring,
     * {@code team} a team the user belongs to, {@code role} the exact {@code user_role}.
     */
    ObjectNode usersPage(
            String userIds, String role, String team, String userEmail, String search, Integer page, Integer pageSize) {
        Set<String> ids = blank(userIds)
                ? null
                : Arrays.stream(userIds.split(",")).map(String::trim).collect(Collectors.toSet());
        Predicate<UserRecord> matches = u -> (ids == null || ids.contains(u.userId()))
                && (blank(role) || role.equals(u.userRole()))
                && (blank(team) || u.teams().contains(team))
                && (blank(userEmail) || contains(u.userEmail(), userEmail))
                && (blank(search) || contains(u.userId(), search) || contains(u.userEmail(), search));
        List<UserRecord> matching = store.users().stream().filter(matches).toList();
        return page("users", matching, page, pageSize, u -> report.attach(AdminViews.user(u), BudgetLimits.forUser(u)));
    }

    private Predicate<TeamRecord> teamMatches(Filter filter, String teamAlias) {
        return t -> (blank(filter.userId()) || t.member(filter.userId()).isPresent())
                && (blank(teamAlias) || contains(t.teamAlias(), teamAlias))
                && (blank(filter.search())
                        || contains(t.teamId(), filter.search())
                        || contains(t.teamAlias(), filter.search()));
    }

    private ObjectNode teamView(TeamRecord team) {
        return report.attach(AdminViews.team(team), BudgetLimits.forTeam(team));
    }

    private static <T> ObjectNode page(
            String field, List<T> matching, Integer page, Integer pageSize, Function<T, ObjectNode> view) {
        int p = page == null ? 1 : page;
        int size = pageSize == null ? DEFAULT_PAGE_SIZE : pageSize;
        if (p < 1) {
            throw GatewayException.invalidRequest("'page' must be 1 or more", "page");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw GatewayException.invalidRequest("'page_size' must be between 1 and " + MAX_PAGE_SIZE, "page_size");
        }
        ObjectNode out = IdentityJson.object();
        ArrayNode items = out.putArray(field);
        matching.stream().skip((long) (p - 1) * size).limit(size).forEach(r -> items.add(view.apply(r)));
        out.put("total", matching.size());
        out.put("page", p);
        out.put("page_size", size);
        out.put("total_pages", (matching.size() + size - 1) / size);
        return out;
    }

    private static boolean contains(String value, String part) {
        return value != null && value.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
