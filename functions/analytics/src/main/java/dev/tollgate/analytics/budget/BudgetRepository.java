package dev.tollgate.analytics.budget;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.Optional;

/** The {@code budget} aggregate (Micronaut Data JDBC). */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface BudgetRepository extends CrudRepository<Budget, String> {

    Optional<Budget> findByEntityTypeAndEntityId(String entityType, String entityId);

    /** One page of budgets, in the pageable's order, and the number of budgets (two statements). */
    Page<Budget> findAll(Pageable pageable);
}
