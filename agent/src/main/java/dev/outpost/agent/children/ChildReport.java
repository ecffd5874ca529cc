package dev.outpost.agent.children;

import java.time.Instant;

/**
 * What a child Outpost tells its parent after each pass: its {@code name} ({@code sync.reportAs}),
 * how many repositories the pass synced and failed, when a pass last synced everything
 * ({@code lastSuccess}, null until one did in this process), the bytes of its synced repositories,
 * and the parent address that served the pass ({@code endpoint}). No secret. The parent adds
 * {@code token} (the client token the child authenticated as, which files the report) and
 * {@code receivedAt}.
 */
public record ChildReport(String name, int repositoriesSynced, int repositoriesFailed, Instant lastSuccess,
    long bytes, String endpoint, String token, Instant receivedAt) {
  static final int MAX_NAME = 128;

  /** The report as received: checked, filed under {@code token}, stamped {@code now}. */
  ChildReport received(String token, Instant now) {
    if (name == null || name.isBlank() || name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("name must be 1-" + MAX_NAME + " printable characters");
    }
    if (repositoriesSynced < 0 || repositoriesFailed < 0 || bytes < 0) {
      throw new IllegalArgumentException("counts and bytes must not be negative");
    }
    return new ChildReport(name.strip(), repositoriesSynced, repositoriesFailed, lastSuccess, bytes, endpoint, token, now);
  }
}
