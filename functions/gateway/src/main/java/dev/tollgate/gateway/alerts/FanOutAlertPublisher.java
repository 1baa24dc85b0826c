package dev.tollgate.gateway.alerts;

import java.util.List;
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
        for (AlertPublisher publisher : publishers) {
            try {
                publisher.publish(event);
            } catch (RuntimeException e) {
                LOG.error("alert {} not delivered via {}: {}", event.alertId(), publisher, e.toString());
            }
        }
    }

    @Override
    public String toString() {
        return publishers.toString();
    }
}
