package dev.tollgate.gateway.testing;

import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Records the SDK requests of one type a client sends, as they leave (before any retry), so a test
 * can pin their exact shape and count them. Thread-safe; add it with
 * {@link DynamoDbLocal#client(ExecutionInterceptor...)}.
 */
public final class CapturingInterceptor<T extends SdkRequest> implements ExecutionInterceptor {
    private final Class<T> type;
    private final List<T> requests = new CopyOnWriteArrayList<>();

    private CapturingInterceptor(Class<T> type) {
        this.type = type;
    }

    /** Records every request. */
    public static CapturingInterceptor<SdkRequest> all() {
        return new CapturingInterceptor<>(SdkRequest.class);
    }

    /** Records only the requests of this type (for instance {@code PutItemRequest.class}). */
    public static <T extends SdkRequest> CapturingInterceptor<T> of(Class<T> type) {
        return new CapturingInterceptor<>(type);
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        if (type.isInstance(request)) {
            requests.add(type.cast(request));
        }
    }

    /** The requests recorded since the last {@link #clear()}, oldest first: a live, read-only view. */
    public List<T> requests() {
        return Collections.unmodifiableList(requests);
    }

    /** Forgets what was recorded. */
    public void clear() {
        requests.clear();
    }
}
