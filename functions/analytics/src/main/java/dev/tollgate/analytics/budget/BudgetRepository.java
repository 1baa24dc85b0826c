package dev.tollgate.analytics.budget;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;

/** The {@code budget} aggregate (Micronaut Data JDBC). */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface BudgetRepository extends CrudRepository<Budget, String> {

    Optional<Budget> findByEntityTypeAndEntityId(String entityType, String entityId);

    List<Budget> listOrderByName();
}
