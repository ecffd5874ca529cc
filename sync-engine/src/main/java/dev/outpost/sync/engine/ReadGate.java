package dev.outpost.sync.engine;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decides, between a transfer's worker and the stop's watcher, how a transfer ends on a stop. A
 * worker blocked in a read is aborted: the link is silent or slow, and the read keeps what it got.
 * A worker anywhere else (waiting for the bandwidth budget, writing) sees the stop itself and, the
 * stream still open, first keeps the bytes already received; aborting it would close the socket and
 * throw those bytes away, and the next pass would fetch them again.
 */
final class ReadGate {
  private static final int IDLE = 0;
  private static final int READING = 1;
  private static final int STOPPED = 2;

  private final AtomicInteger state = new AtomicInteger(IDLE);

  /** Before a read; false when the stop came first, and the worker is to stop instead. */
  boolean enterRead() {
    return state.compareAndSet(IDLE, READING);
  }

  /** After a read, whatever its outcome. */
  void exitRead() {
    state.compareAndSet(READING, IDLE);
  }

  /** From the stop's watcher: aborts a read under way; otherwise only bars the next one. */
  void stop(Runnable abortRead) {
    if (state.compareAndSet(READING, STOPPED)) {
      abortRead.run();
    } else {
      state.compareAndSet(IDLE, STOPPED);
    }
  }
}
