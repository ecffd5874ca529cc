package dev.outpost.store.rocks;

import dev.outpost.store.model.Digest;
import dev.outpost.store.model.RepositoryName;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Last pull times of manifests: recorded in memory on every pull (one map update), written to the
 * {@code pulls} column family in one batch by {@link #flush()}. A pull recorded while a flush runs
 * is kept for the next one: an entry leaves memory only if it still holds the time written.
 */
final class PullTimes {
  private record Key(RepositoryName repository, Digest manifest) {}

  private final RocksIndex index;
  private final Clock clock;
  private final ConcurrentMap<Key, Instant> pending = new ConcurrentHashMap<>();

  PullTimes(RocksIndex index, Clock clock) {
    this.index = index;
    this.clock = clock;
  }

  void record(RepositoryName repository, Digest manifest) {
    pending.put(new Key(repository, manifest), clock.instant());
  }

  /** Drops a pending pull of a deleted manifest, so the next flush does not write its row back. */
  void forget(RepositoryName repository, Digest manifest) {
    pending.remove(new Key(repository, manifest));
  }

  Optional<Instant> lastPulled(RepositoryName repository, Digest manifest) {
    Instant inMemory = pending.get(new Key(repository, manifest));
    if (inMemory != null) {
      return Optional.of(inMemory);
    }
    return index.get(Family.PULLS, KeyCodec.pull(repository, manifest), "read last pull of " + repository + "@" + manifest)
        .map(PullTimes::decode);
  }

  int flush() {
    Map<Key, Instant> snapshot = new HashMap<>(pending);
    if (snapshot.isEmpty()) {
      return 0;
    }
    index.write("record " + snapshot.size() + " pulls", batch -> snapshot.forEach((key, time) ->
        batch.put(Family.PULLS, KeyCodec.pull(key.repository(), key.manifest()), encode(time))));
    snapshot.forEach(pending::remove);
    return snapshot.size();
  }

  static byte[] encode(Instant time) {
    return ByteBuffer.allocate(Long.BYTES).putLong(time.toEpochMilli()).array();
  }

  static Instant decode(byte[] value) {
    return Instant.ofEpochMilli(ByteBuffer.wrap(value).getLong());
  }
}
