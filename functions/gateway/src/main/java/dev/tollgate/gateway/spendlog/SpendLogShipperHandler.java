package dev.tollgate.gateway.spendlog;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;

/**
 * The shipper Lambda: the table's stream (filtered to {@code LOG#} items) in, batch item failures out.
 * Configure the event source with {@code FunctionResponseTypes: [ReportBatchItemFailures]}, retries
 * and an on-failure destination, and without {@code BisectBatchOnFunctionError} (see
 * {@link SpendLogShipper}). Needs {@code tollgate.storage.bucket}.
 */
public class SpendLogShipperHandler extends MicronautRequestHandler<DynamodbEvent, StreamsEventResponse> {

    @Inject
    SpendLogShipper shipper;

    /** Used by the Lambda runtime. */
    public SpendLogShipperHandler() {
        super();
    }

    /** The shipper never calls a provider, so it starts without the provider secrets. */
    @Override
    protected io.micronaut.context.ApplicationContextBuilder newApplicationContextBuilder() {
        return super.newApplicationContextBuilder()
                .properties(java.util.Map.of("tollgate.config.require-secrets", false));
    }

    /** Used by tests, with an application context they configured. */
    public SpendLogShipperHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    public StreamsEventResponse execute(DynamodbEvent event) {
        return shipper.handle(event);
    }
}
