package dev.outpost.sync.schedule;

import java.util.ArrayList;
import java.util.List;

/**
 * Converts a 5-field Unix cron ({@code minute hour day-of-month month day-of-week}) into Quartz's
 * 6-field syntax, which differs in three ways: a leading seconds field ({@code 0}); exactly one of
 * day-of-month and day-of-week must be {@code ?}; and day-of-week numbers run 1-7 from Sunday
 * instead of 0-6 (or 7) from Sunday. Names ({@code MON-FRI}, {@code JAN}) mean the same in both.
 *
 * <p>Unix cron ORs a restricted day-of-month with a restricted day-of-week; Quartz cannot express
 * that, so such expressions are refused rather than silently changed.
 */
public final class QuartzCron {
  private QuartzCron() {}

  public static String fromUnix(String cron5) {
    String[] f = cron5 == null ? new String[0] : cron5.trim().split("\\s+");
    if (f.length != 5) {
      throw new IllegalArgumentException("'" + (cron5 == null ? "" : cron5.trim())
          + "' must have 5 fields: minute hour day-of-month month day-of-week");
    }
    if (cron5.contains("?")) {
      throw new IllegalArgumentException("'" + cron5.trim() + "': '?' is Quartz syntax, not 5-field cron");
    }
    String normalized = String.join(" ", f);
    CronField[] fields = CronField.values();
    for (int i = 0; i < fields.length - 1; i++) {
      fields[i].check(normalized, f[i], f[i]);
    }
    CronField.DAY_OF_WEEK.check(normalized, f[4], quartzDayOfWeek(normalized, f[4]));
    String dom = f[2];
    String dow = f[4];
    boolean domAny = dom.equals("*");
    boolean dowAny = dow.equals("*");
    if (!domAny && !dowAny) {
      throw new IllegalArgumentException("'" + normalized
          + "' restricts both day-of-month and day-of-week; use one of them (the other '*')");
    }
    String quartzDom = dowAny ? dom : "?";
    String quartzDow = dowAny ? "?" : dayOfWeek(dow);
    return String.join(" ", "0", f[0], f[1], quartzDom, f[3], quartzDow);
  }

  private static String quartzDayOfWeek(String cron5, String field) {
    try {
      return dayOfWeek(field);
    } catch (IllegalArgumentException e) { // a number out of 0-7, or too long to be a number
      throw CronField.DAY_OF_WEEK.invalid(cron5, field);
    }
  }

  /** Renumbers each element of a day-of-week list: {@code 0}/{@code 7} → 1 (Sunday), n → n+1. */
  static String dayOfWeek(String field) {
    List<String> out = new ArrayList<>();
    for (String element : field.split(",", -1)) {
      out.add(dayOfWeekElement(element));
    }
    return String.join(",", out);
  }

  private static String dayOfWeekElement(String element) {
    String step = "";
    String range = element;
    int slash = element.indexOf('/');
    if (slash >= 0) {
      step = element.substring(slash);
      range = element.substring(0, slash);
    }
    if (range.equals("*")) {
      return range + step; // "*/2" from Sunday is the same days in both numberings
    }
    int dash = range.indexOf('-');
    if (dash < 0) {
      return day(range) + step;
    }
    String from = day(range.substring(0, dash));
    String to = range.substring(dash + 1);
    if (to.equals("7") && step.isEmpty()) {
      // "5-7" is Fri..Sun: Quartz 6-7 plus Sunday (1), since 7 there is Saturday.
      return from.equals("1") ? "1-7" : from + "-7,1";
    }
    return from + "-" + day(to) + step;
  }

  private static String day(String value) {
    if (!value.matches("\\d+")) {
      return value; // a name such as MON passes through
    }
    int n = Integer.parseInt(value);
    if (n < 0 || n > 7) {
      throw new IllegalArgumentException("day-of-week " + n + " is out of range 0-7");
    }
    return String.valueOf(n % 7 + 1);
  }
}
