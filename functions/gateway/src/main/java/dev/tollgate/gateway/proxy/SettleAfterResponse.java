package dev.tollgate.gateway.proxy;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.http.context.event.HttpRequestTerminatedEvent;
import jakarta.inject.Singleton;

/**
 * On Netty: settles a complete answer once its response has been written. Micronaut's server publishes
 * {@link HttpRequestTerminatedEvent} on the event loop after it has written (and flushed) a request's response, or
 * discarded it because the connection closed; the settlement {@link CallDelivery} put on the request then runs on its
 * own thread.
 */
@Singleton
class SettleAfterResponse implements ApplicationEventListener<HttpRequestTerminatedEvent> {
    private final Settlements settlements;

    SettleAfterResponse(Settlements settlements) {
        this.settlements = settlements;
    }

    @Override
    public void onApplicationEvent(HttpRequestTerminatedEvent event) {
        event.getSource().getAttribute(CallDelivery.SETTLEMENT, Runnable.class).ifPresent(settlements::runLater);
    }
}
