package dev.tollgate.gateway.lambda;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.tollgate.gateway.budget.ReservationSweeper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;

/**
 * The scheduled jobs (EventBridge): today the reservation sweeper, every minute. Returns a one-line
 * summary for the function's log.
 */
public class JobsHandler extends MicronautRequestHandler<ScheduledEvent, String> {

    @Inject
    ReservationSweeper sweeper;

    public JobsHandler() {
        super();
    }

    public JobsHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    public String execute(ScheduledEvent event) {
        return "released " + sweeper.sweep() + " expired reservation(s)";
    }
}
