package dev.outpost.sync.bundle;

/** A stop was asked for (Ctrl-C, SIGTERM) while writing; what is complete stays, a rerun continues. */
public final class CreateStoppedException extends RuntimeException {
  public CreateStoppedException() {
    super("stopped; what was written is kept and a rerun continues from there");
  }
}
