package dev.tollgate.gateway.proxy;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The settlements that run after their response has been sent (docs/architecture.md §1, step 6): a complete
 * answer's, once Netty has written its last byte or the Lambda runtime has closed the response, and a stream's,
 * once the relay has ended. Those that run on threads of their own are counted from the moment they are known until
 * they have run, so that the Lambda runtime can wait for a stream's before it asks for the next invocation (an
 * environment may be frozen in between), and shutting down waits for them too.
 */
@Singleton
public class Settlements {
    private static final Logger LOG = LoggerFactory.getLogger(Settlements.class);

    private final ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor();
    private final Object lock = new Object();
    private int pending;

    /**
     * {@code settle}, counted as pending from now until it has run (see {@link #once}). For settlements that run on
     * a thread of their own, after Netty has written the response or when a stream ends.
     */
    public Runnable pending(Runnable settle) {
        synchronized (lock) {
            pending++;
        }
        return once(() -> {
            try {
                settle.run();
            } finally {
                synchronized (lock) {
                    pending--;
                    lock.notifyAll();
                }
            }
        });
    }

    /**
     * {@code settle}, run at most once however often the returned action is called. A failure is logged, not thrown:
     * the client already has its answer, and the reservation stays open until the sweeper releases it
     * (docs/budgets.md), so nothing is charged twice or held for ever.
     */
    public static Runnable once(Runnable settle) {
        AtomicBoolean ran = new AtomicBoolean();
        return () -> {
            if (ran.compareAndSet(false, true)) {
                try {
                    settle.run();
                } catch (RuntimeException e) {
                    LOG.error("settlement failed after the response was sent", e);
                }
            }
        };
    }

    /** Runs a settlement on its own (virtual) thread: Netty's event loop, which calls this, must not block. */
    void runLater(Runnable settlement) {
        writers.execute(settlement);
    }

    /**
     * Waits until every pending settlement has run, at most {@code timeoutMillis}.
     *
     * @return whether none was left
     */
    public boolean awaitSettled(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        synchronized (lock) {
            while (pending > 0) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                lock.wait(left);
            }
            return true;
        }
    }

    @PreDestroy
    void drain() throws InterruptedException {
        if (!awaitSettled(10_000)) {
            LOG.warn("shutting down with settlements still running");
        }
        writers.shutdown();
    }
}
