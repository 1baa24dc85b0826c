package dev.tollgate.gateway.providers;

/**
 * An open upstream stream of OpenAI chat-completion chunks. Pull-based: the relay calls
 * {@link #next()} on its own thread, so back-pressure and cancellation are plain blocking I/O.
 */
public interface UpstreamStream extends AutoCloseable {

    /** The next chunk's JSON text (the SSE {@code data:} payload), or {@code null} at the end. */
    String next();

    /** How many attempts opening the stream took. */
    int attempts();

    /** Releases the connection; safe to call twice, and from another thread to abort. */
    @Override
    void close();
}
