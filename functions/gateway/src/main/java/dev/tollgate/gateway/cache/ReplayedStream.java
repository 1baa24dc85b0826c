package dev.tollgate.gateway.cache;

import dev.tollgate.gateway.providers.UpstreamStream;
import java.util.Iterator;
import java.util.List;

/** A cached answer played back as an upstream stream of chat-completion chunks ({@link ChunkReplay}). */
public final class ReplayedStream implements UpstreamStream {
    private final Iterator<String> chunks;

    public ReplayedStream(List<String> chunks) {
        this.chunks = List.copyOf(chunks).iterator();
    }

    @Override
    public synchronized String next() {
        return chunks.hasNext() ? chunks.next() : null;
    }

    @Override
    public int attempts() {
        return 1;
    }

    @Override
    public void close() {
        // nothing to release
    }
}
