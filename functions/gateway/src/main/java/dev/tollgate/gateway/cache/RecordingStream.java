package dev.tollgate.gateway.cache;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.providers.UpstreamStream;
import java.util.Optional;

/**
 * An upstream stream passed through unchanged while its chunks are assembled into the complete answer, so a
 * streamed miss can be cached once it has ended normally.
 */
public final class RecordingStream implements UpstreamStream {
    private final UpstreamStream upstream;
    private final ChunkAssembly assembly = new ChunkAssembly();
    private volatile boolean ended;

    public RecordingStream(UpstreamStream upstream) {
        this.upstream = upstream;
    }

    @Override
    public String next() {
        String data = upstream.next();
        if (data == null) {
            ended = true;
        } else {
            assembly.accept(data);
        }
        return data;
    }

    @Override
    public int attempts() {
        return upstream.attempts();
    }

    @Override
    public void close() {
        upstream.close();
    }

    /** The complete answer, once the upstream ended the stream itself. */
    public Optional<ObjectNode> answer() {
        return ended ? assembly.answer() : Optional.empty();
    }
}
