package dev.outpost.agent.tokens;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Token administration, either directly on the store or through a running Outpost's admin API
 * (RocksDB lets one process open the store, so while {@code outpost run} holds it the CLI asks it).
 * Refusals (an unknown name for {@link #rotate}, an expiry in the past, a bad slot) are
 * {@link IllegalArgumentException}s whose message says what to change.
 */
public interface TokenAdmin {
  CreatedClientToken create(TokenSpec spec);

  List<TokenSummary> list();

  boolean delete(String name);

  /** A new password in {@code slot} (1 or 2), expiring at {@code expiry}; the other slot is untouched. */
  CreatedClientToken rotate(String name, int slot, Optional<Instant> expiry);

  /** Enables or disables the token; false when there is no such token. */
  boolean setEnabled(String name, boolean enabled);

  Optional<TokenSummary> show(String name);
}
