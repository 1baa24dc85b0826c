package dev.tollgate.gateway.lambda;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.tollgate.gateway.alerts.AlertService;
import dev.tollgate.gateway.budget.ReservationSweeper;
import dev.tollgate.gateway.identity.IdentityStore;
import dev.tollgate.gateway.identity.KeyRecord;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The scheduled jobs (EventBridge, every minute): the reservation sweeper on every run, and once a day
 * (the run in the first minute after midnight UTC) the check for keys about to expire. Returns a
 * one-line summary for the function's log.
 */
public class JobsHandler extends MicronautRequestHandler<ScheduledEvent, String> {
    private static final int PAGE = 500;

    @Inject
    ReservationSweeper sweeper;

    @Inject
    AlertService alerts;

    @Inject
    @Nullable
    IdentityStore identities;

    @Inject
    Clock clock;

    public JobsHandler() {
        super();
    }

    /** The jobs never call a provider, so they run without the provider secrets. */
    @Override
    protected io.micronaut.context.ApplicationContextBuilder newApplicationContextBuilder() {
        return super.newApplicationContextBuilder()
                .properties(java.util.Map.of("tollgate.config.require-secrets", false));
    }

    public JobsHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    public String execute(ScheduledEvent event) {
        String summary = "released " + sweeper.sweep() + " expired reservation(s)";
        if (identities != null
                && clock.instant().atOffset(ZoneOffset.UTC).toLocalTime().toSecondOfDay() < 60) {
            summary += "; " + alerts.checkExpiringKeys(allKeys()).size() + " key-expiry alert(s)";
        }
        return summary;
    }

    private List<KeyRecord> allKeys() {
        List<KeyRecord> keys = new ArrayList<>();
        for (int page = 1; ; page++) {
            IdentityStore.KeyPage batch = identities.keys(IdentityStore.KeyQuery.ALL, page, PAGE);
            keys.addAll(batch.keys());
            if (batch.keys().size() < PAGE) {
                return keys;
            }
        }
    }
}
