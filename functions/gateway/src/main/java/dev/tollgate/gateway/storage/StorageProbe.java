package dev.tollgate.gateway.storage;

/** A cheap reachability check of one storage service, for {@code GET /health}. */
public interface StorageProbe {
    String name();

    /** "ok", or a short reason it is not; never throws. */
    String check();
}
