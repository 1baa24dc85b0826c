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

    /** Marks the rule active from {@code since} until {@code until}, or inactive when both are null. */
    void activation(String id, Instant since, Instant until);
}
