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
import java.util.Map;
import java.util.Optional;

/**
 * What this process's passes are doing, as the engine reports it: per repository the bytes of the
 * blobs the pass has begun (done, counting what was already there, such as a resumed download's
 * durable offset, and total) and the rate over the last {@link #RATE_WINDOW}; the last pass's
 * duration; and whether the last pass could reach the parent. Times come from the injected clock.
 * Called from the engine's worker threads: every method is synchronized and quick.
 */
public final class SyncProgress implements SyncListener {
  /** The rate is what moved in this long; short enough to follow a bandwidth profile's switch. */
  static final Duration RATE_WINDOW = Duration.ofSeconds(10);

  private final Clock clock;
  private final Map<RepositoryName, Counts> byRepository = new HashMap<>();
  private final Map<Digest, RepositoryName> blobs = new HashMap<>();
  private Instant passStarted;
  private Duration lastPassDuration;
  private boolean parentUnreachable;

  public SyncProgress(Clock clock) {
    this.clock = clock;
  }

  /** Bytes done and in all of the blobs begun, and the rate, of one repository in the running pass. */
  public record Snapshot(long done, long total, double bytesPerSecond) {}

  /** Per repository, the moving part of a pass; {@code moved} counts only bytes that crossed the link. */
  private static final class Counts {
    long done;
    long total;
    long moved;
    final Instant started;
    /** Samples of {@code moved} over the rate window, plus the last one before it. */
    final Deque<Instant> times = new ArrayDeque<>();
    final Deque<Long> movedAt = new ArrayDeque<>();

    Counts(Instant started) {
      this.started = started;
    }
  }

  /** A pass begins (called by whoever runs it, before the engine selects anything). */
  public synchronized void passStarted() {
    passStarted = clock.instant();
    byRepository.clear();
    blobs.clear();
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
  public synchronized void blobStarted(RepositoryName repository, Digest digest, long size, long alreadyPresent) {
    Counts counts = byRepository.computeIfAbsent(repository, r -> new Counts(clock.instant()));
    blobs.put(digest, repository);
    counts.total += size;
    counts.done += alreadyPresent;
  }

  @Override
  public synchronized void bytesProgressed(Digest digest, long bytes) {
    RepositoryName repository = blobs.get(digest);
    Counts counts = repository == null ? null : byRepository.get(repository);
    if (counts != null) {
      counts.done += bytes;
      counts.moved += bytes;
      sample(counts, clock.instant());
    }
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
    return Optional.of(new Snapshot(counts.done, counts.total, rate(counts, clock.instant())));
  }

  /** Bytes per second over the last {@link #RATE_WINDOW} (or since the repository started, if sooner). */
  private static double rate(Counts counts, Instant now) {
    Instant from = now.minus(RATE_WINDOW);
    Instant since = counts.started.isAfter(from) ? counts.started : from;
    long atStart = !counts.times.isEmpty() && !counts.times.getFirst().isAfter(from) ? counts.movedAt.getFirst() : 0;
    double seconds = Duration.between(since, now).toMillis() / 1000.0;
    return seconds <= 0 ? 0 : (counts.moved - atStart) / seconds;
  }

  /** The running (or last) pass over all its repositories: bytes done and total, and the summed rate. */
  public synchronized Snapshot pass() {
    Instant now = clock.instant();
    long done = 0;
    long total = 0;
    double rate = 0;
    for (Counts counts : byRepository.values()) {
      done += counts.done;
      total += counts.total;
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
