package dev.outpost.agent.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * While open, SIGINT (Ctrl-C) and SIGTERM ask the running pass to stop instead of ending the JVM,
 * so that {@code sync --once} can finish its chunk, close the store, say what happened and exit
 * with its own code. The first signal restores the previous handlers: a second Ctrl-C ends the
 * process at once (progress up to the last chunk is durable either way).
 *
 * <p>Why {@code sun.misc.Signal} (module jdk.unsupported, exported for this purpose) and not a
 * shutdown hook: a hook runs once the JVM is already exiting, when {@code System.exit} can no
 * longer choose the exit code (the JVM exits 143 on SIGTERM) and the pass's outcome cannot be
 * printed in order.
 */
final class StopSignals implements AutoCloseable {
  private static final List<String> NAMES = List.of("INT", "TERM");

  private final AtomicBoolean received = new AtomicBoolean();
  private final List<Runnable> restore = new ArrayList<>();

  StopSignals() {
    for (String name : NAMES) {
      Signal signal = new Signal(name);
      try {
        SignalHandler previous = Signal.handle(signal, s -> onSignal());
        restore.add(() -> Signal.handle(signal, previous));
      } catch (IllegalArgumentException inUseByTheJvm) {
        // -Xrs, or a platform without this signal: the default behaviour (the JVM exits) stays.
      }
    }
  }

  /** True once SIGINT or SIGTERM arrived. */
  boolean received() {
    return received.get();
  }

  private synchronized void onSignal() {
    received.set(true);
    close();
  }

  @Override
  public synchronized void close() {
    restore.forEach(Runnable::run);
    restore.clear();
  }
}
