package dev.outpost.sync.schedule;

import dev.outpost.sync.engine.SyncListener;
import dev.outpost.sync.engine.SyncPass;
import dev.outpost.sync.engine.SyncReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs sync passes while the {@link SyncWindow} is open: one pass after another with
 * {@code passInterval} between them, each asked to stop (at a chunk boundary) when the window
 * closes or the scheduler is closed. {@link #triggerNow()} starts a pass at once, window or not:
 * an operator's explicit resync.
 *
 * <p>The timing runs on the daemon's one Quartz scheduler ({@link Schedules}): each run of the
 * {@code sync} task decides from the injected clock whether to run a pass, then schedules its own
 * next run (after {@code passInterval}, at the next opening, or at most {@link #MAX_IDLE_WAIT}
 * later, so that a clock that jumps is noticed). Quartz never runs the task twice at once.
 */
public final class SyncScheduler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SyncScheduler.class);
  static final Duration MAX_IDLE_WAIT = Duration.ofMinutes(1);
  static final String TASK = "sync";

  private final SyncPass pass;
  private final SyncWindow window;
  private final Duration passInterval;
  private final Clock clock;
  private final SyncListener listener;
  private final Schedules schedules;
  private final boolean ownsSchedules;
  private final ReentrantLock running = new ReentrantLock();
  private volatile boolean closed;
  private volatile boolean triggered;
  private boolean started;

  /** Runs on {@code schedules}, which the caller owns and closes. */
  public SyncScheduler(SyncPass pass, SyncWindow window, Duration passInterval, Clock clock, SyncListener listener,
      Schedules schedules) {
    this(pass, window, passInterval, clock, listener, schedules, false);
  }

  public SyncScheduler(SyncPass pass, SyncWindow window, Duration passInterval, Clock clock, SyncListener listener) {
    this(pass, window, passInterval, clock, listener, Schedules.start(1), true);
  }

  public SyncScheduler(SyncPass pass, SyncWindow window, Duration passInterval, Clock clock) {
    this(pass, window, passInterval, clock, SyncListener.NONE);
  }

  private SyncScheduler(SyncPass pass, SyncWindow window, Duration passInterval, Clock clock, SyncListener listener,
      Schedules schedules, boolean ownsSchedules) {
    this.pass = pass;
    this.window = window;
    this.passInterval = passInterval;
    this.clock = clock;
    this.listener = listener;
    this.schedules = schedules;
    this.ownsSchedules = ownsSchedules;
  }

  public synchronized void start() {
    if (started) {
      throw new IllegalStateException("scheduler already started");
    }
    started = true;
    schedules.once(TASK, Duration.ZERO, this::tick);
  }

  /** Starts a pass as soon as the current one (if any) ends, even outside the window. */
  public void triggerNow() {
    triggered = true;
    if (!running.isLocked() && !closed) {
      schedules.once(TASK, Duration.ZERO, this::tick);
    }
  }

  /** One run of the task: a pass if triggered or the window is open, then the next run scheduled. */
  private void tick() {
    if (closed) {
      return;
    }
    Duration next;
    running.lock();
    try {
      if (closed) {
        return;
      }
      boolean manual = takeTrigger();
      if (manual || window.isOpen(clock.instant())) {
        runPass(manual);
        next = passInterval;
      } else {
        Instant now = clock.instant();
        Duration untilOpen = window.nextOpening(now).map(t -> Duration.between(now, t)).orElse(MAX_IDLE_WAIT);
        next = untilOpen.compareTo(MAX_IDLE_WAIT) > 0 ? MAX_IDLE_WAIT : untilOpen;
      }
    } finally {
      running.unlock();
    }
    if (!closed) {
      // A trigger that came during the pass must not wait for `next`; one after the lock's release
      // schedules its own run (triggerNow).
      schedules.once(TASK, triggered ? Duration.ZERO : next, this::tick);
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
    boolean was = triggered;
    triggered = false;
    return was;
  }

  /** Stops scheduling: a running pass is asked to stop at its next chunk boundary, and awaited. */
  @Override
  public void close() {
    closed = true;
    schedules.cancel(TASK);
    try {
      if (running.tryLock(60, TimeUnit.SECONDS)) {
        running.unlock();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (ownsSchedules) {
      schedules.close();
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
