package dev.tollgate.gateway.proxy;

import io.micronaut.http.sse.Event;
import reactor.core.publisher.Flux;

/**
 * A whole stream as one SSE text body, for API Gateway's Lambda proxy integration, which cannot
 * stream: the client receives the same events, all at once when the call ends.
 */
final class SseText {
    private SseText() {}

    static String collect(Flux<Event<String>> events) {
        StringBuilder text = new StringBuilder();
        events.doOnNext(e -> append(text, e)).blockLast();
        return text.toString();
    }

    static void append(StringBuilder text, Event<String> event) {
        if (event.getComment() != null) {
            text.append(": ").append(event.getComment()).append('\n');
        }
        if (event.getName() != null) {
            text.append("event: ").append(event.getName()).append('\n');
        }
        text.append("data: ").append(event.getData()).append("\n\n");
    }
}
