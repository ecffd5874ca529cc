package dev.outpost.agent.runtime;

import dev.outpost.agent.status.StatusRenderer;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.sync.engine.RepoResult;
import dev.outpost.sync.engine.SyncListener;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The progress of {@code outpost sync --once} on stderr. On a terminal it redraws one line
 * (repositories done of repositories selected, bytes fetched of bytes planned, rate) at most five
 * times a second; in a log (not a terminal) it prints each finished repository and the same line as
 * plain text every ten seconds, the first ten seconds after the start, so a short pass logs no
 * progress line at all. No progress line is drawn before the pass knows how many repositories it
 * selected: "repositories 0/1" while four are being synced was a wrong denominator, not progress.
 *
 * <p>Written by hand rather than with a progress-bar library: the pass has many concurrent blobs
 * feeding one aggregate line, which such libraries model poorly, and non-terminal output (CI logs)
 * must stay readable.
 */
public final class ProgressDisplay implements SyncListener {
  private static final Duration TERMINAL_PERIOD = Duration.ofMillis(200);
  private static final Duration LOG_PERIOD = Duration.ofSeconds(10);

  private final PrintWriter err;
  private final boolean terminal;
  private final Clock clock;
  private final Instant start;
  private final AtomicLong planned = new AtomicLong();
  private final AtomicLong fetched = new AtomicLong();
  private final AtomicInteger reposSelected = new AtomicInteger(-1);
  private final AtomicInteger reposDone = new AtomicInteger();
  private volatile Instant lastDraw;

  public ProgressDisplay(PrintWriter err, boolean terminal, Clock clock) {
    this.err = err;
    this.terminal = terminal;
    this.clock = clock;
    this.start = clock.instant();
    this.lastDraw = terminal ? Instant.EPOCH : start;
  }

  @Override
  public void repositoriesSelected(int count) {
    reposSelected.set(count);
    maybeDraw();
  }

  @Override
  public void repositoryStarted(RepositoryName repository) {
    maybeDraw();
  }

  @Override
  public void repositoryFinished(RepoResult result) {
    reposDone.incrementAndGet();
    synchronized (this) {
      clearLine();
      err.println(switch (result.outcome()) {
        case OK -> "synced  " + result.repository() + " (" + result.tagCount() + " tags)";
        case FAILED -> "FAILED  " + result.repository() + ": " + result.reason().orElse("unknown error");
        case STOPPED -> "stopped " + result.repository() + ": " + result.reason().orElse("");
      });
      err.flush();
    }
    maybeDraw();
  }

  @Override
  public void blobStarted(RepositoryName repository, Digest digest, long size, long alreadyPresent) {
    planned.addAndGet(size - alreadyPresent);
    maybeDraw();
  }

  @Override
  public void bytesProgressed(Digest digest, long bytes) {
    fetched.addAndGet(bytes);
    maybeDraw();
  }

  /** Ends the progress line and prints the totals. */
  public synchronized void finish() {
    clearLine();
    err.println("fetched " + StatusRenderer.size(fetched.get()) + " in " + elapsed().toMillis() / 1000.0 + " s ("
        + rate() + ")");
    err.flush();
  }

  private void maybeDraw() {
    if (reposSelected.get() < 0) {
      return;
    }
    Instant now = clock.instant();
    Duration period = terminal ? TERMINAL_PERIOD : LOG_PERIOD;
    if (Duration.between(lastDraw, now).compareTo(period) < 0) {
      return;
    }
    synchronized (this) {
      if (Duration.between(lastDraw, now).compareTo(period) < 0) {
        return;
      }
      lastDraw = now;
      String line = "repositories " + reposDone.get() + "/" + reposSelected.get() + "  " + StatusRenderer.size(fetched.get())
          + " of " + StatusRenderer.size(planned.get()) + "  " + rate();
      if (terminal) {
        err.print("\r\033[K" + line);
      } else {
        err.println(line);
      }
      err.flush();
    }
  }

  private void clearLine() {
    if (terminal) {
      err.print("\r\033[K");
    }
  }

  private String rate() {
    double seconds = Math.max(0.001, elapsed().toMillis() / 1000.0);
    return StatusRenderer.size((long) (fetched.get() / seconds)) + "/s";
  }

  private Duration elapsed() {
    return Duration.between(start, clock.instant());
  }
}
