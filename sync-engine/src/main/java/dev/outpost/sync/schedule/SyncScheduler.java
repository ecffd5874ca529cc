package dev.outpost.sync.schedule;

import dev.outpost.sync.engine.SyncListener;
import dev.outpost.sync.engine.SyncPass;
import dev.outpost.sync.engine.SyncReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs sync passes while the {@link SyncWindow} is open: one pass after another with
 * {@code passInterval} between them, each asked to stop (at a chunk boundary) when the window
 * closes or the scheduler is closed. {@link #triggerNow()} starts a pass at once, window or not:
 * an operator's explicit resync.
 *
 * <p>A single loop thread with a lock and condition, not Quartz's scheduler: there is exactly one
 * job, never two passes at once, and the loop needs a live stop condition and an early wake-up,
 * which are a few lines here and awkward through Quartz's job and trigger model. Quartz still
 * computes the cron (in {@link SyncWindow}).
 */
public final class SyncScheduler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SyncScheduler.class);
  static final Duration MAX_IDLE_WAIT = Duration.ofMinutes(1);

  private final SyncPass pass;
  private final SyncWindow window;
  private final Duration passInterval;
  private final Clock clock;
  private final SyncListener listener;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition wake = lock.newCondition();
  private volatile boolean closed;
  private boolean triggered;
  private Thread loop;

  public SyncScheduler(SyncPass pass, SyncWindow window, Duration passInterval, Clock clock, SyncListener listener) {
    this.pass = pass;
    this.window = window;
    this.passInterval = passInterval;
    this.clock = clock;
    this.listener = listener;
  }

  public SyncScheduler(SyncPass pass, SyncWindow window, Duration passInterval, Clock clock) {
    this(pass, window, passInterval, clock, SyncListener.NONE);
  }

  public void start() {
    lock.lock();
    try {
      if (loop != null) {
        throw new IllegalStateException("scheduler already started");
      }
      loop = Thread.ofPlatform().name("outpost-sync-scheduler").daemon(true).start(this::run);
    } finally {
      lock.unlock();
    }
  }

  /** Starts a pass as soon as the current one (if any) ends, even outside the window. */
  public void triggerNow() {
    lock.lock();
    try {
      triggered = true;
      wake.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void run() {
    while (!closed) {
      boolean manual = takeTrigger();
      if (manual || window.isOpen(clock.instant())) {
        runPass(manual);
        sleep(passInterval);
      } else {
        Instant now = clock.instant();
        Duration untilOpen = window.nextOpening(now).map(t -> Duration.between(now, t)).orElse(MAX_IDLE_WAIT);
        sleep(untilOpen.compareTo(MAX_IDLE_WAIT) > 0 ? MAX_IDLE_WAIT : untilOpen);
      }
    }
  }

  private void runPass(boolean manual) {
    try {
      // The window's end is computed once per pass: the stop check runs per tag, blob and
      // checkpoint, and asking the cron each time would walk its fire times each time.
      Instant windowEnd = manual ? Instant.MAX : window.currentWindowEnd(clock.instant());
      SyncReport report = pass.runOnce(listener, () -> closed || !clock.instant().isBefore(windowEnd));
      if (report.complete()) {
        LOG.info("sync pass complete: {} repositories", report.repositories().size());
      } else {
        report.selectionFailure().ifPresent(reason -> LOG.warn("sync pass failed: {}", reason));
        report.failed().forEach(r -> LOG.warn("sync of {} did not finish: {}", r.repository(), r.reason().orElse("")));
      }
    } catch (RuntimeException e) {
      LOG.error("sync pass failed unexpectedly", e);
    }
  }

  private boolean takeTrigger() {
    lock.lock();
    try {
      boolean was = triggered;
      triggered = false;
      return was;
    } finally {
      lock.unlock();
    }
  }

  /** Waits up to {@code duration}, returning early on a trigger or close. */
  private void sleep(Duration duration) {
    lock.lock();
    try {
      if (!triggered && !closed && !duration.isNegative() && !duration.isZero()) {
        wake.await(duration.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closed = true;
    } finally {
      lock.unlock();
    }
  }

  /** Stops the loop: a running pass is asked to stop at its next chunk boundary, and awaited. */
  @Override
  public void close() {
    Thread running;
    lock.lock();
    try {
      closed = true;
      wake.signalAll();
      running = loop;
    } finally {
      lock.unlock();
    }
    if (running != null) {
      try {
        running.join(Duration.ofSeconds(60));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (pass instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        LOG.warn("closing the sync engine failed: {}", e.toString());
      }
    }
  }
}
