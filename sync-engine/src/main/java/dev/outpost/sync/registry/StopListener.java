package dev.outpost.sync.registry;

import dev.outpost.sync.link.StopSignal;
import java.io.IOException;
import okhttp3.Call;
import okhttp3.EventListener;

/**
 * Puts every call of a parent's client under the engine's {@link StopSignal} for its whole life,
 * from {@code execute} to the end of its body: a stop cancels it, whether it waits for a
 * connection, for the response headers (a parent slow to answer a manifest request) or for body
 * bytes. Cancelling closes the socket, so the blocked read fails at once and the caller, seeing the
 * stop, reports a stop rather than a failure.
 *
 * <p>Why an event listener and not a wrapper around each request: it covers every request the
 * client makes, the token requests and the ACR listing included, in one place, and OkHttp tells it
 * when the body is done ({@code callEnd}), which a wrapper around {@code execute} does not see.
 */
final class StopListener extends EventListener {
  private final StopSignal stop;
  private StopSignal.Watch watch;

  private StopListener(StopSignal stop) {
    this.stop = stop;
  }

  /** A listener per call, each watching {@code stop}. */
  static EventListener.Factory over(StopSignal stop) {
    return call -> new StopListener(stop);
  }

  @Override
  public synchronized void callStart(Call call) {
    watch = stop.watch(call::cancel);
  }

  @Override
  public void callEnd(Call call) {
    done();
  }

  @Override
  public void callFailed(Call call, IOException ioe) {
    done();
  }

  private synchronized void done() {
    if (watch != null) {
      watch.close();
      watch = null;
    }
  }
}
