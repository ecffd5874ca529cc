package dev.outpost.store.rocks;

import dev.outpost.store.RepoSyncState;
import dev.outpost.store.StoreException;
import dev.outpost.store.model.RepositoryName;
import java.time.Instant;
import java.util.Optional;

/** JSON codec of {@link RepoSyncState}; instants are ISO-8601 UTC, absent values omitted. */
final class SyncStateCodec {
  private static final int VERSION = 1;

  /** The stored form of a repository's sync state. */
  record SyncStateJson(int version, String repository, String status, String lastAttempt, String lastSuccess,
      String lastError, int tagCount, long bytes) {}

  private SyncStateCodec() {}

  static byte[] encode(RepoSyncState state) {
    return JsonValues.encode(new SyncStateJson(VERSION, state.repository().value(), state.status().name(),
        state.lastAttempt().map(Instant::toString).orElse(null),
        state.lastSuccess().map(Instant::toString).orElse(null),
        state.lastError().orElse(null),
        state.tagCount(), state.bytes()));
  }

  static RepoSyncState decode(byte[] value) {
    SyncStateJson json = JsonValues.decode(value, SyncStateJson.class, "sync state");
    if (json.version() != VERSION) {
      throw new StoreException("index sync state record has unknown format version " + json.version());
    }
    try {
      return new RepoSyncState(RepositoryName.of(json.repository()), RepoSyncState.Status.valueOf(json.status()),
          Optional.ofNullable(json.lastAttempt()).map(Instant::parse),
          Optional.ofNullable(json.lastSuccess()).map(Instant::parse),
          Optional.ofNullable(json.lastError()),
          json.tagCount(), json.bytes());
    } catch (IllegalArgumentException | NullPointerException | java.time.DateTimeException e) {
      throw new StoreException("index sync state record of '" + json.repository() + "' is invalid: " + e, e);
    }
  }
}
