package dev.tollgate.gateway.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.gateway.budget.BudgetLedger;
import dev.tollgate.gateway.budget.BudgetLimit;
import dev.tollgate.gateway.budget.BudgetWindow;
import dev.tollgate.gateway.budget.CounterState;
import dev.tollgate.gateway.budget.InMemoryBudgetLedger;
import dev.tollgate.gateway.budget.Scope;
import dev.tollgate.gateway.testing.FakeUpstream;
import io.micronaut.context.ApplicationContext;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The proxy function on the streaming runtime, as Lambda drives it in streaming response mode: a loopback Runtime
 * API hands it API Gateway events, and its one model, {@code slow-gpt}, is a fake upstream sending six SSE events
 * a fixed delay apart. Shared by the streaming runtime tests of this package.
 */
final class StreamingFixture implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    /** The global budget {@link Builder#globalBudget()} configures. */
    static final BudgetLimit GLOBAL =
            new BudgetLimit(Scope.GLOBAL, "global", BudgetWindow.MONTH, new BigDecimal("1000"));

    final FakeUpstream upstream;
    final LoopbackRuntimeApi lambda;
    final ProxyHandler handler;
    final StreamingRuntime runtime;

    private StreamingFixture(Builder builder) throws Exception {
        upstream = new FakeUpstream()
                .byDefault(FakeUpstream.Reply.sse(
                        FakeUpstream.resource("/upstream/openai/chat-completion-stream.sse"), builder.eventDelayMs));
        String config = """
                models:
                  - name: slow-gpt
                    model: gpt-4o-mini
                    api_base: %s
                    max_retries: 0
                """.formatted(upstream.baseUrl());
        if (builder.globalBudget) {
            config += """
                    settings:
                      budgets:
                        global:
                          - {budget_duration: 1mo, max_budget: 1000}
                    """;
        }
        ApplicationContext context = ApplicationContext.builder()
                .properties(Map.of(
                        "tollgate.master-key",
                        "sk-test-master",
                        "tollgate.config-yaml",
                        config,
                        "tollgate.streaming.handoff",
                        true))
                .singletons(builder.singletons.toArray())
                .start();
        handler = builder.handler.apply(context);
        lambda = new LoopbackRuntimeApi();
        runtime = new StreamingRuntime(builder.runtimeApi.apply(lambda.address()), handler, builder.environment);
    }

    /** A fixture whose upstream sends its events {@code eventDelayMs} apart. */
    static Builder streaming(long eventDelayMs) {
        return new Builder(eventDelayMs);
    }

    static final class Builder {
        private final long eventDelayMs;
        private boolean globalBudget;
        private final List<Object> singletons = new ArrayList<>();
        private Function<ApplicationContext, ProxyHandler> handler = ProxyHandler::new;
        private Function<String, RuntimeApi> runtimeApi = RuntimeApi::new;
        private Map<String, String> environment = Map.of();

        private Builder(long eventDelayMs) {
            this.eventDelayMs = eventDelayMs;
        }

        /** Configures the {@link #GLOBAL} budget of 1000 a month. */
        Builder globalBudget() {
            globalBudget = true;
            return this;
        }

        Builder singleton(Object bean) {
            singletons.add(bean);
            return this;
        }

        Builder handler(Function<ApplicationContext, ProxyHandler> handler) {
            this.handler = handler;
            return this;
        }

        /** How the runtime's Runtime API client is made from the loopback's address. */
        Builder runtimeApi(Function<String, RuntimeApi> runtimeApi) {
            this.runtimeApi = runtimeApi;
            return this;
        }

        Builder environment(Map<String, String> environment) {
            this.environment = environment;
            return this;
        }

        StreamingFixture start() throws Exception {
            return new StreamingFixture(this);
        }
    }

    InMemoryBudgetLedger ledger() {
        return (InMemoryBudgetLedger) handler.getApplicationContext().getBean(BudgetLedger.class);
    }

    /** The {@link #GLOBAL} counter at {@code at}. */
    CounterState global(Instant at) {
        return ledger().read(List.of(GLOBAL), at).get(0);
    }

    /** Serves a models call through the runtime and checks it is answered with its own body. */
    void assertNextInvocationServed(String invocationId) throws Exception {
        LoopbackRuntimeApi.Response next = lambda.invoke(invocationId, event("models.json"));
        runtime.serveNext();
        StreamedResponse parsed =
                StreamedResponse.of(next.done.get(10, TimeUnit.SECONDS).body());
        assertEquals(200, parsed.prelude().path("statusCode").asInt());
        assertEquals("list", JSON.readTree(parsed.text()).path("object").asText(), parsed.text());
    }

    @Override
    public void close() throws Exception {
        lambda.close();
        handler.close();
        upstream.close();
    }

    /** The request id in a streamed response's prelude. */
    static String requestId(byte[] body) {
        return StreamedResponse.of(body)
                .prelude()
                .path("headers")
                .path("x-tollgate-request-id")
                .asText();
    }

    /** The streamed chat completion event, for {@code slow-gpt}. */
    static String streamEvent() throws Exception {
        return event("chat-completion-stream.json");
    }

    /** The API Gateway event {@code /events/<name>}, its model {@code slow-gpt}. */
    static String event(String name) throws Exception {
        try (var in = StreamingFixture.class.getResourceAsStream("/events/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("mock-gpt-4o-mini", "slow-gpt");
        }
    }
}
