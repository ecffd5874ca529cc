package dev.outpost.agent.status;

import dev.outpost.store.model.Digest;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.sync.engine.ParentFailure;
import dev.outpost.sync.engine.SyncListener;
import dev.outpost.sync.engine.SyncReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What this process's passes are doing, as the engine reports it: per repository the bytes of the
 * blobs the pass needs (done, counting what was already there, such as a resumed download's durable
 * offset, and total) and the rate over the last {@link #RATE_WINDOW}; the last pass's duration; and
 * whether the last pass could reach the parent. A blob counts once the engine announces it (after
 * resolving its image's manifest, before fetching: {@link #blobNeeded}) or begins it, so the totals
 * and the ETA cover the images the pass has resolved, not only the blobs it has begun. A blob two
 * repositories need counts in each of them, and once in the pass. Times come from the injected
 * clock. Called from the engine's worker threads: every method is synchronized and quick.
 */
public final class SyncProgress implements SyncListener {
  /** The rate is what moved in this long; short enough to follow a bandwidth profile's switch. */
  static final Duration RATE_WINDOW = Duration.ofSeconds(10);

  private final Clock clock;
  private final Map<RepositoryName, Counts> byRepository = new HashMap<>();
  /** Every blob the pass needs or began, once each. */
  private final Map<Digest, Need> needs = new HashMap<>();
  /** The repository whose fetch of a blob is under way: its bytes make that repository's rate. */
  private final Map<Digest, RepositoryName> fetching = new HashMap<>();
  private Instant passStarted;
  private Duration lastPassDuration;
  private boolean parentUnreachable;

  public SyncProgress(Clock clock) {
    this.clock = clock;
  }

  /** Bytes done and in all of the blobs needed, and the rate, of one repository in the running pass. */
  public record Snapshot(long done, long total, double bytesPerSecond) {}

  /** Per repository, the moving part of a pass; {@code moved} counts only bytes that crossed the link. */
  private static final class Counts {
    long moved;
    final Instant started;
    /** Samples of {@code moved} over the rate window, plus the last one before it. */
    final Deque<Instant> times = new ArrayDeque<>();
    final Deque<Long> movedAt = new ArrayDeque<>();

    Counts(Instant started) {
      this.started = started;
    }
  }

  /** One blob of the pass: its size, the bytes held so far, and the repositories that need it. */
  private static final class Need {
    final long size;
    long done;
    final Set<RepositoryName> repositories = new HashSet<>();

    Need(long size, long done) {
      this.size = size;
      this.done = done;
    }
  }

  /** A pass begins (called by whoever runs it, before the engine selects anything). */
  public synchronized void passStarted() {
    passStarted = clock.instant();
    byRepository.clear();
    needs.clear();
    fetching.clear();
  }

  /** A pass ended with {@code report}: its duration is kept, and whether the parent answered. */
  public synchronized void passFinished(SyncReport report) {
    if (passStarted != null) {
      lastPassDuration = Duration.between(passStarted, clock.instant());
    }
    passStarted = null;
    parentUnreachable = report.parentFailure().map(f -> f.kind() == ParentFailure.Kind.UNREACHABLE).orElse(false);
  }

  @Override
  public synchronized void repositoryStarted(RepositoryName repository) {
    byRepository.put(repository, new Counts(clock.instant()));
  }

  @Override
  public synchronized void blobNeeded(RepositoryName repository, Digest digest, long size, long alreadyPresent) {
    need(repository, digest, size, alreadyPresent);
  }

  @Override
  public synchronized void blobStarted(RepositoryName repository, Digest digest, long size, long alreadyPresent) {
    need(repository, digest, size, alreadyPresent);
    fetching.put(digest, repository);
  }

  private void need(RepositoryName repository, Digest digest, long size, long alreadyPresent) {
    byRepository.computeIfAbsent(repository, r -> new Counts(clock.instant()));
    Need need = needs.computeIfAbsent(digest, d -> new Need(size, alreadyPresent));
    need.done = Math.max(need.done, alreadyPresent);
    need.repositories.add(repository);
  }

  @Override
  public synchronized void bytesProgressed(Digest digest, long bytes) {
    Need need = needs.get(digest);
    if (need != null) {
      need.done += bytes;
    }
    RepositoryName repository = fetching.get(digest);
    Counts counts = repository == null ? null : byRepository.get(repository);
    if (counts != null) {
      counts.moved += bytes;
      sample(counts, clock.instant());
    }
  }

  @Override
  public synchronized void blobDone(Digest digest) {
    Need need = needs.get(digest);
    if (need != null) {
      need.done = need.size;
    }
    fetching.remove(digest);
  }

  private static void sample(Counts counts, Instant now) {
    counts.times.addLast(now);
    counts.movedAt.addLast(counts.moved);
    Instant from = now.minus(RATE_WINDOW);
    // Drop samples older than the window, but keep the newest of them: the count at the window's start.
    while (counts.times.size() > 1 && !secondOf(counts.times).isAfter(from)) {
      counts.times.removeFirst();
      counts.movedAt.removeFirst();
    }
  }

  private static Instant secondOf(Deque<Instant> times) {
    var it = times.iterator();
    it.next();
    return it.next();
  }

  /** The running pass's figures for {@code repository}, if the pass has begun it. */
  public synchronized Optional<Snapshot> of(RepositoryName repository) {
    Counts counts = byRepository.get(repository);
    if (counts == null) {
      return Optional.empty();
    }
    long done = 0;
    long total = 0;
    for (Need need : needs.values()) {
      if (need.repositories.contains(repository)) {
        done += need.done;
        total += need.size;
      }
    }
    return Optional.of(new Snapshot(done, total, rate(counts, clock.instant())));
  }

  /** Bytes per second over the last {@link #RATE_WINDOW} (or since the repository started, if sooner). */
  private static double rate(Counts counts, Instant now) {
    Instant from = now.minus(RATE_WINDOW);
    Instant since = counts.started.isAfter(from) ? counts.started : from;
    long atStart = !counts.times.isEmpty() && !counts.times.getFirst().isAfter(from) ? counts.movedAt.getFirst() : 0;
    double seconds = Duration.between(since, now).toMillis() / 1000.0;
    return seconds <= 0 ? 0 : (counts.moved - atStart) / seconds;
  }

  /** The running (or last) pass over all its repositories: bytes done and total (each blob once), and the summed rate. */
  public synchronized Snapshot pass() {
    Instant now = clock.instant();
    long done = 0;
    long total = 0;
    for (Need need : needs.values()) {
      done += need.done;
      total += need.size;
    }
    double rate = 0;
    for (Counts counts : byRepository.values()) {
      rate += rate(counts, now);
    }
    return new Snapshot(done, total, rate);
  }

  public synchronized Optional<Duration> lastPassDuration() {
    return Optional.ofNullable(lastPassDuration);
  }

  /** True when the last pass could not reach the parent (not when it refused the credentials). */
  public synchronized boolean parentUnreachable() {
    return parentUnreachable;
  }
}
