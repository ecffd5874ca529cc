package dev.outpost.sync.schedule;

import dev.outpost.sync.engine.InvalidSettingException;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.TimeZone;
import org.quartz.CronExpression;

/**
 * When the link may be used: windows of length {@code window} opening at each fire time of a
 * 5-field cron in UTC. {@code * * * * *} means continuous: always open. Overlapping windows merge.
 * Quartz's {@link CronExpression} computes fire times; it is not thread-safe, so each call builds
 * its own from the parsed string (cheap, and windows are asked about rarely: the scheduler asks
 * once per pass and per idle wait, never per stop check).
 */
public final class SyncWindow {
  private static final TimeZone UTC = TimeZone.getTimeZone("UTC");
  private static final int MAX_MERGED_WINDOWS = 10_000;

  private final String cron5;
  private final String quartz;
  private final Duration window;
  private final boolean continuous;

  /**
   * Throws {@link InvalidSettingException} naming {@code schedule} or {@code window} when one is
   * unusable (the cron is checked first, each field on its own, in 5-field terms).
   */
  public SyncWindow(String cron5, Duration window) {
    this.cron5 = cron5 == null ? "" : cron5.trim();
    try {
      this.quartz = QuartzCron.fromUnix(this.cron5);
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingException("schedule", e.getMessage());
    }
    if (window == null || !window.isPositive()) {
      throw new InvalidSettingException("window", "must be a positive duration such as PT4H");
    }
    this.continuous = this.cron5.matches("\\*\\s+\\*\\s+\\*\\s+\\*\\s+\\*");
    this.window = window;
    expression(); // fail now, not at the first question
  }

  public static SyncWindow continuous() {
    return new SyncWindow("* * * * *", Duration.ofMinutes(1));
  }

  public boolean isContinuous() {
    return continuous;
  }

  /** True when a window that opened at or before {@code now} has not yet closed. */
  public boolean isOpen(Instant now) {
    return continuous || lastOpeningCovering(expression(), now) != null;
  }

  /** When the window open at {@code now} closes ({@link Instant#MAX} when continuous); {@code now} if closed. */
  public Instant currentWindowEnd(Instant now) {
    if (continuous) {
      return Instant.MAX;
    }
    CronExpression cron = expression();
    Instant opening = lastOpeningCovering(cron, now);
    if (opening == null) {
      return now;
    }
    Instant end = opening.plus(window);
    for (int i = 0; i < MAX_MERGED_WINDOWS; i++) {
      Instant next = nextFireAfter(cron, opening);
      if (next == null || next.isAfter(end)) {
        break;
      }
      opening = next;
      end = next.plus(window);
    }
    return end;
  }

  /** {@code now} when open, else the next time a window opens (empty if the cron never fires again). */
  public java.util.Optional<Instant> nextOpening(Instant now) {
    if (isOpen(now)) {
      return java.util.Optional.of(now);
    }
    return java.util.Optional.ofNullable(nextFireAfter(expression(), now));
  }

  /** The latest fire time in {@code (now - window, now]}, or null. */
  private Instant lastOpeningCovering(CronExpression cron, Instant now) {
    Instant fire = nextFireAfter(cron, now.minus(window));
    if (fire == null || fire.isAfter(now)) {
      return null;
    }
    Instant latest = fire;
    for (int i = 0; i < MAX_MERGED_WINDOWS; i++) {
      Instant next = nextFireAfter(cron, latest);
      if (next == null || next.isAfter(now)) {
        break;
      }
      latest = next;
    }
    return latest;
  }

  /** Quartz fire times have second precision and are strictly after the given instant. */
  private static Instant nextFireAfter(CronExpression cron, Instant instant) {
    Date next = cron.getNextValidTimeAfter(Date.from(instant));
    return next == null ? null : next.toInstant();
  }

  private CronExpression expression() {
    try {
      CronExpression expression = new CronExpression(quartz);
      expression.setTimeZone(UTC);
      return expression;
    } catch (ParseException e) {
      // Each field passed on its own (QuartzCron), so only a combination Quartz refuses lands here.
      // Its message speaks of Quartz's 6 fields; the cause keeps it for whoever debugs.
      throw new InvalidSettingException("schedule", "'" + cron5
          + "' is not a valid cron (5 fields: minute hour day-of-month month day-of-week)", e);
    }
  }

  @Override
  public String toString() {
    return continuous ? "continuous" : "'" + cron5 + "' UTC for " + window;
  }
}
