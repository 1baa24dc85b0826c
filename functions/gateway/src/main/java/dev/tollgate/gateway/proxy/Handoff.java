package dev.tollgate.gateway.proxy;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One thing a response hands to the Lambda streaming runtime, which takes it once the handler has returned: a stream's
 * events, a complete answer's settlement, a body to write ({@code lambda/StreamingRuntime}). A Lambda execution
 * environment serves one invocation at a time, so one slot is enough. Whatever is still in the slot when the next one
 * is put, or when {@link #discard} is called, was never taken: it is given to {@code discard} (a stream is closed and
 * so settled, a settlement is run), never written after another invocation's prelude.
 */
public final class Handoff<T> {
    private final AtomicReference<T> slot = new AtomicReference<>();
    private final Consumer<T> discard;

    /** @param discard what becomes of a value never taken */
    public Handoff(Consumer<T> discard) {
        this.discard = discard;
    }

    public void put(T value) {
        T stale = slot.getAndSet(value);
        if (stale != null) {
            discard.accept(stale);
        }
    }

    /** The value put last, once; null when there is none. */
    public T take() {
        return slot.getAndSet(null);
    }

    /** Empties the slot, giving what it held to {@code discard}. */
    public void discard() {
        T stale = take();
        if (stale != null) {
            discard.accept(stale);
        }
    }
}
