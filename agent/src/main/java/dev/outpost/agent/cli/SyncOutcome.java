package dev.outpost.agent.cli;

import dev.outpost.sync.engine.ParentFailure;
import dev.outpost.sync.engine.RepoResult;
import dev.outpost.sync.engine.SyncReport;
import java.io.PrintWriter;
import java.time.Duration;

/** Prints the end of {@code outpost sync --once}: one line per failed repository; picks the exit code. */
final class SyncOutcome {
  private SyncOutcome() {}

  /** A pass stopped by Ctrl-C or SIGTERM: nothing failed, and nothing fetched is lost. */
  static int stopped(PrintWriter out) {
    out.println("stopped; progress is kept, the next pass resumes");
    return ExitCodes.STOPPED;
  }

  /** A pass that {@code sync --once --window} stopped at the window's end: incomplete, nothing lost. */
  static int windowClosed(Duration window, PrintWriter out) {
    out.println("the window closed after " + window + "; progress is kept, the next pass resumes");
    return ExitCodes.INCOMPLETE;
  }

  static int print(SyncReport report, PrintWriter out) {
    if (report.parentFailure().isPresent()) {
      ParentFailure failure = report.parentFailure().get();
      out.println("sync failed: " + failure.reason());
      return failure.kind() == ParentFailure.Kind.CREDENTIALS_REFUSED
          ? ExitCodes.CREDENTIALS_REFUSED : ExitCodes.PARENT_UNREACHABLE;
    }
    report.selectionFailure().ifPresent(reason -> out.println("selection incomplete: " + reason));
    for (RepoResult failed : report.failed()) {
      out.println(failed.repository() + ": " + failed.reason().orElse("failed"));
    }
    if (report.repositories().isEmpty() && report.selectionFailure().isEmpty()) {
      out.println("warning: no repository of the parent matches sync.repositories");
    }
    int ok = report.repositories().size() - report.failed().size();
    out.println(report.complete()
        ? "sync complete: " + ok + " repositories present"
        : "sync incomplete: " + report.failed().size() + " of " + report.repositories().size() + " repositories failed");
    return report.complete() ? ExitCodes.OK : ExitCodes.INCOMPLETE;
  }
}
