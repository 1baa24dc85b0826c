package dev.tollgate.analytics.rollup;

import java.time.LocalDate;

/** One {@code rollup_user_daily} row: day × team × user × served model × provider ({@code ""} for none). */
public record UserDayKey(LocalDate day, String teamId, String userId, String model, String provider) {}
