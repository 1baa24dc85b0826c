package dev.tollgate.gateway.alerts;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs each alert as one line at WARN (locally the terminal; on Lambda, CloudWatch Logs). Never fails. */
public class ConsoleAlertPublisher implements AlertPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleAlertPublisher.class);

    @Override
    public void publish(AlertEvent event) {
        publish(AlertMessage.of(event));
    }

    @Override
    public void publish(AlertMessage message) {
        LOG.warn("ALERT {}", message.line());
    }

    @Override
    public String toString() {
        return "console";
    }
}
