package dev.tollgate.gateway.alerts;

import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Publishes to each of several publishers in turn; one failing does not stop the others. Never throws. */
public class FanOutAlertPublisher implements AlertPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(FanOutAlertPublisher.class);

    private final List<AlertPublisher> publishers;

    public FanOutAlertPublisher(List<AlertPublisher> publishers) {
        this.publishers = List.copyOf(publishers);
    }

    /** The publishers, in order (for wiring checks). */
    public List<AlertPublisher> publishers() {
        return publishers;
    }

    @Override
    public void publish(AlertEvent event) {
        each(event.alertId(), p -> p.publish(event));
    }

    @Override
    public void publish(AlertMessage message) {
        each(message.alertId(), p -> p.publish(message));
    }

    private void each(String alertId, Consumer<AlertPublisher> publish) {
        for (AlertPublisher publisher : publishers) {
            try {
                publish.accept(publisher);
            } catch (RuntimeException e) {
                LOG.error("alert {} not delivered via {}: {}", alertId, publisher, e.toString());
            }
        }
    }

    @Override
    public String toString() {
        return publishers.toString();
    }
}
