package dev.tollgate.gateway.alerts;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tries a publisher up to {@code attempts} times with exponential backoff and jitter (base, 4 × base,
 * 16 × base, each plus up to one base of jitter), and never throws: a delivery that fails every
 * attempt is logged at ERROR with the alert's id and summary, so it is still on record. The same for
 * budget alerts ({@link AlertEvent}) and the control plane's others ({@link AlertMessage}).
 */
public class RetryingAlertPublisher implements AlertPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(RetryingAlertPublisher.class);

    private final AlertPublisher delegate;
    private final int attempts;
    private final Duration baseDelay;

    public RetryingAlertPublisher(AlertPublisher delegate, int attempts, Duration baseDelay) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
        this.delegate = delegate;
        this.attempts = attempts;
        this.baseDelay = baseDelay;
    }

    @Override
    public void publish(AlertEvent event) {
        deliver(event.alertId(), () -> AlertMessages.line(event), d -> d.publish(event));
    }

    @Override
    public void publish(AlertMessage message) {
        deliver(message.alertId(), message::line, d -> d.publish(message));
    }

    private void deliver(String alertId, Supplier<String> line, Consumer<AlertPublisher> publish) {
        for (int attempt = 1; ; attempt++) {
            try {
                publish.accept(delegate);
                return;
            } catch (RuntimeException e) {
                if (attempt >= attempts) {
                    LOG.error(
                            "alert {} not delivered via {} after {} attempt(s): {}. Alert was: {}",
                            alertId,
                            delegate,
                            attempts,
                            e.toString(),
                            line.get());
                    return;
                }
                LOG.warn(
                        "alert {} via {} failed (attempt {} of {}): {}",
                        alertId,
                        delegate,
                        attempt,
                        attempts,
                        e.toString());
                if (!pause(attempt)) {
                    return;
                }
            }
        }
    }

    @Override
    public String toString() {
        return delegate.toString();
    }

    private boolean pause(int attempt) {
        long base = baseDelay.toMillis();
        long millis = base * (1L << (2 * Math.min(attempt - 1, 8)))
                + ThreadLocalRandom.current().nextLong(base + 1);
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("alert delivery interrupted; giving up");
            return false;
        }
    }
}
