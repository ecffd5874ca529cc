package dev.outpost.sync.engine;

import dev.outpost.sync.source.ContentMissingException;

/**
 * Which of several failures of one image to report. A damaged or refused item outranks content the
 * source does not hold (a bundle part not imported yet: the image is waiting, not failed), which
 * outranks a stop: the image's state is its worst reason.
 */
final class Failures {
  private Failures() {}

  /** True when {@code failure} (or a cause) says the source does not hold an item: the image waits for it. */
  static boolean waiting(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ContentMissingException) {
        return true;
      }
    }
    return false;
  }

  /** The one of {@code kept} and {@code next} (either may be null) that says most about the image. */
  static Throwable worse(Throwable kept, Throwable next) {
    return rank(next) > rank(kept) ? next : kept;
  }

  private static int rank(Throwable failure) {
    if (failure == null) {
      return 0;
    }
    if (failure instanceof SyncStoppedException) {
      return 1;
    }
    return waiting(failure) ? 2 : 3;
  }
}
