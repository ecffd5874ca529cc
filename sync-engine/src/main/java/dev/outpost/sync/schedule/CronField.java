package dev.outpost.sync.schedule;

import org.quartz.CronExpression;

/**
 * The five fields of a Unix cron, each checked alone so that an error names the 5-field field
 * that is wrong. Quartz's own messages speak of its 6-field layout ("Minute and Second values must
 * be between 0 and 59"), which would confuse someone who wrote five fields; so each field is put
 * into an otherwise trivial Quartz expression and only Quartz's yes or no is used.
 */
enum CronField {
  MINUTE("minute", "0-59", "0 ", " * * * ?"),
  HOUR("hour", "0-23", "0 0 ", " * * ?"),
  DAY_OF_MONTH("day-of-month", "1-31", "0 0 0 ", " * ?"),
  MONTH("month", "1-12 or JAN-DEC", "0 0 0 * ", " ?"),
  DAY_OF_WEEK("day-of-week", "0-7 or SUN-SAT, 0 and 7 are Sunday", "0 0 0 ? * ", "");

  private final String label;
  private final String allowed;
  private final String probePrefix;
  private final String probeSuffix;

  CronField(String label, String allowed, String probePrefix, String probeSuffix) {
    this.label = label;
    this.allowed = allowed;
    this.probePrefix = probePrefix;
    this.probeSuffix = probeSuffix;
  }

  /** Throws naming this field unless Quartz accepts {@code quartzValue} (already in Quartz numbering) here. */
  void check(String cron5, String value, String quartzValue) {
    if (!CronExpression.isValidExpression(probePrefix + quartzValue + probeSuffix)) {
      throw invalid(cron5, value);
    }
  }

  IllegalArgumentException invalid(String cron5, String value) {
    return new IllegalArgumentException(
        "'" + cron5 + "' has an invalid " + label + " field '" + value + "' (" + label + ": " + allowed + ")");
  }
}
