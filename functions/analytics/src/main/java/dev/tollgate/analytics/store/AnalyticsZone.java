package dev.tollgate.analytics.store;

import jakarta.inject.Qualifier;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

/** The time zone whose calendar days the rollups and reports use (the budgets' zone). */
@Qualifier
@Retention(RetentionPolicy.RUNTIME)
public @interface AnalyticsZone {}
