package dev.outpost.serve.it;

import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Samples {@link MemorySample} every {@code period} on a thread of its own while a load runs and
 * keeps the peaks, so a test sees the memory <em>during</em> the load, not only what is left after
 * it. Sampling never fails the load: a failed reading is kept and rethrown by {@link #peak()}.
 */
final class MemoryWatch implements AutoCloseable {
  private final Path file;
  private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
  private final AtomicReference<MemorySample> peak;
  private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

  MemoryWatch(Path file, long periodMillis) {
    this.file = file;
    this.peak = new AtomicReference<>(MemorySample.of(file));
    sampler.scheduleAtFixedRate(this::sample, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
  }

  private void sample() {
    try {
      MemorySample now = MemorySample.of(file);
      peak.accumulateAndGet(now, MemorySample::max);
    } catch (RuntimeException e) {
      failure.compareAndSet(null, e);
    }
  }

  /** The peaks so far, including one reading taken now. */
  MemorySample peak() {
    sample();
    if (failure.get() != null) {
      throw failure.get();
    }
    return peak.get();
  }

  @Override
  public void close() {
    sampler.shutdownNow();
  }
}
