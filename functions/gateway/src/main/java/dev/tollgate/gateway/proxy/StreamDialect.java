package dev.tollgate.gateway.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.bridge.StreamEvent;
import dev.tollgate.gateway.errors.GatewayException;
import io.micronaut.http.sse.Event;
import java.util.List;
import java.util.function.Function;

/**
 * How a relayed stream looks to its client. The upstream side is always OpenAI-shaped chunks (the
 * providers see to that); the client may speak OpenAI's chat format, Anthropic's Messages events or the
 * Responses API's events.
 */
public interface StreamDialect {

    /**
     * The events for one upstream chunk (already filtered for usage the client did not ask for): its text as it
     * goes to an OpenAI client, and the JSON the relay parsed it into (null when it was not JSON), so that a bridge
     * does not parse it again.
     */
    List<Event<String>> chunk(String data, JsonNode chunk);

    /** The closing events once the upstream has ended, carrying the call's cost. */
    List<Event<String>> end(String costText);

    /** The event that tells the client the stream broke. */
    Event<String> error(GatewayException error);

    /** A dialect from a bridge's translator: chunk → events, cost comment → closing events, error → event. */
    static StreamDialect bridged(
            Function<JsonNode, List<StreamEvent>> chunks,
            Function<String, List<StreamEvent>> end,
            Function<GatewayException, StreamEvent> error) {
        return new StreamDialect() {
            @Override
            public List<Event<String>> chunk(String data, JsonNode chunk) {
                return chunk == null
                        ? List.of()
                        : chunks.apply(chunk).stream().map(StreamDialect::event).toList();
            }

            @Override
            public List<Event<String>> end(String costText) {
                return end.apply(StreamRelay.COST_COMMENT + costText).stream()
                        .map(StreamDialect::event)
                        .toList();
            }

            @Override
            public Event<String> error(GatewayException e) {
                return event(error.apply(e));
            }
        };
    }

    private static Event<String> event(StreamEvent e) {
        Event<String> event = Event.of(e.data());
        if (e.name() != null) {
            event = event.name(e.name());
        }
        return e.comment() == null ? event : event.comment(e.comment());
    }
}
