package dev.tollgate.analytics.failover;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where failover rules and their activation are kept (PostgreSQL: {@link JdbcFailoverStore}). */
public interface FailoverStore {

    void insert(FailoverRule rule);

    /** Changes the rule's definition (not its activation). */
    void update(FailoverRule rule);

    boolean delete(String id);

    Optional<FailoverRule> rule(String id);

    /** Every rule, oldest first (the order in which rules for the same primary take precedence). */
    List<FailoverRule> rules();

    /**
     * Moves the rule's activation from {@code expectedUntil} (null: inactive) to {@code since}/{@code until}
     * (both null: ended at {@code endedAt}); false when another run moved it first (then this run must not alert).
     */
    boolean transition(String id, Instant expectedUntil, Instant since, Instant until, Instant endedAt);
}
