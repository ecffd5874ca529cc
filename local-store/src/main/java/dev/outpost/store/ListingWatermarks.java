package dev.outpost.store;

import dev.outpost.store.model.RepositoryName;
import java.time.Instant;
import java.util.Optional;

/**
 * Per (parent address, repository), the newest tag time of the parent's listing as of the last
 * pass that synced every tag it wanted (ACR's {@code lastUpdateTime}). Kept durably in the index so
 * that a new process (a restart of {@code outpost run}, each {@code outpost sync --once}) resumes the
 * incremental plan instead of asking about every tag again. The parent address is part of the key
 * because a mark is in the parent's own clock: another registry's times say nothing about it.
 */
public interface ListingWatermarks {
  /** The mark of {@code repository} at {@code parent}, if a pass set one and nothing forgot it since. */
  Optional<Instant> watermark(String parent, RepositoryName repository);

  /** Records {@code mark}, replacing any earlier one (one synced index write). */
  void putWatermark(String parent, RepositoryName repository, Instant mark);

  /** Forgets the mark (the next pass asks about every tag); no-op if none. */
  void forgetWatermark(String parent, RepositoryName repository);
}
