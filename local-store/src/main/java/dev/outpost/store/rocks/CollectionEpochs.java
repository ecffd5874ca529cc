package dev.outpost.store.rocks;

import dev.outpost.store.CollectionGuard;
import dev.outpost.store.model.Digest;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The commit/GC exclusion of one store (see {@link CollectionGuard}). Commits run under the read
 * side of one lock (many at once), a sweep's deletions under the write side. While a collection
 * is open, every commit adds the digests it references to the collection's live set before it
 * writes, so a sweep that runs after the commit sees them; ingests opened are remembered with
 * their time for the grace period, since a blob's ingest may end (already committed) some time
 * before the manifest that needs it is committed.
 */
final class CollectionEpochs implements CollectionGuard {
  private final ReentrantReadWriteLock commits = new ReentrantReadWriteLock();
  private final ConcurrentMap<Digest, Instant> recentIngests = new ConcurrentHashMap<>();
  private final Predicate<Digest> ingestOpen;
  private final Clock clock;
  private volatile Epoch active;

  CollectionEpochs(Predicate<Digest> ingestOpen, Clock clock) {
    this.ingestOpen = ingestOpen;
    this.clock = clock;
  }

  /** Runs a commit that makes {@code referenced} reachable, never during a sweep's deletions. */
  <T> T commit(Collection<Digest> referenced, Supplier<T> commit) {
    commits.readLock().lock();
    try {
      Epoch epoch = active;
      if (epoch != null) {
        epoch.live.addAll(referenced);
      }
      return commit.get();
    } finally {
      commits.readLock().unlock();
    }
  }

  void ingestOpened(Digest digest) {
    recentIngests.put(digest, clock.instant());
    Epoch epoch = active;
    if (epoch != null) {
      epoch.live.add(digest);
    }
  }

  @Override
  public synchronized Session beginCollection(Instant recentSince) {
    if (active != null) {
      throw new IllegalStateException("a garbage collection is already running on this store");
    }
    // Older entries no longer protect anything; dropping them bounds the map by the grace period.
    recentIngests.values().removeIf(opened -> opened.isBefore(recentSince));
    Epoch epoch = new Epoch(recentSince);
    active = epoch;
    return epoch;
  }

  private synchronized void end(Epoch epoch) {
    if (active == epoch) {
      active = null;
    }
  }

  private final class Epoch implements Session {
    private final Set<Digest> live = ConcurrentHashMap.newKeySet();
    private final Instant recentSince;

    Epoch(Instant recentSince) {
      this.recentSince = recentSince;
    }

    @Override
    public boolean inUse(Digest digest) {
      if (live.contains(digest) || ingestOpen.test(digest)) {
        return true;
      }
      Instant opened = recentIngests.get(digest);
      return opened != null && !opened.isBefore(recentSince);
    }

    @Override
    public <T> T exclusively(Supplier<T> deletions) {
      commits.writeLock().lock();
      try {
        return deletions.get();
      } finally {
        commits.writeLock().unlock();
      }
    }

    @Override
    public void close() {
      end(this);
    }
  }
}
