package dev.outpost.agent.cli;

/** Process exit codes, documented in the README; scripts depend on them. */
public final class ExitCodes {
  /** Everything asked for is done (for sync: everything selected is present). */
  public static final int OK = 0;
  /** A sync pass finished but some selected repositories are not complete. */
  public static final int INCOMPLETE = 1;
  /** The command line is wrong (picocli's own code). */
  public static final int USAGE = 2;
  /** The configuration file is missing or invalid, or a listen address cannot be bound. */
  public static final int CONFIG = 3;
  /** The parent registry could not be reached (or answered with something unusable). */
  public static final int PARENT_UNREACHABLE = 4;
  /** The store is in use by a running Outpost and the admin API could not be reached either. */
  public static final int STORE_BUSY = 5;
  /** The parent (or its token realm) refused the credentials: 401 or 403. */
  public static final int CREDENTIALS_REFUSED = 6;
  /** {@code outpost verify} found faults in the store (whether or not {@code --repair} repaired them). */
  public static final int FAULTS_FOUND = 7;
  /** The store's disk is full: a write was refused or failed for lack of space. */
  public static final int DISK_FULL = 8;
  /** {@code bundle import} refused a part: incomplete (no outpost-bundle.json), unreadable, or of another bundle. */
  public static final int BUNDLE_REFUSED = 9;
  /** Anything else: a bug or an environment problem, printed with its cause. */
  public static final int INTERNAL = 70;
  /** {@code sync --once} was stopped by Ctrl-C or SIGTERM; its durable progress is kept (128 + SIGINT). */
  public static final int STOPPED = 130;

  private ExitCodes() {}
}
