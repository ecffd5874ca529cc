package dev.outpost.agent.tokens;

import java.time.Instant;

/** One password slot as listed: whether it holds a password, when that expires (null: never), and whether it has. */
public record SlotSummary(boolean set, Instant expires, boolean expired) {
  public static final SlotSummary EMPTY = new SlotSummary(false, null, false);

  /** {@code set, expires 2027-01-31T00:00:00Z}, {@code set, no expiry}, {@code expired 2025-…} or {@code empty}. */
  public String describe() {
    if (!set) {
      return "empty";
    }
    if (expires == null) {
      return "set, no expiry";
    }
    return (expired ? "expired " : "set, expires ") + expires;
  }
}
