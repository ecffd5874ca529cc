package dev.outpost.agent.cli;

import dev.outpost.agent.admin.AdminUnavailableException;
import dev.outpost.agent.config.ConfigException;
import dev.outpost.serve.tls.TlsMaterialException;
import dev.outpost.store.StoreFullException;
import dev.outpost.sync.bundle.InvalidBundleException;
import dev.outpost.store.StoreLockedException;
import dev.outpost.sync.engine.ParentFailure;
import dev.outpost.sync.http.ParentException;
import dev.outpost.sync.http.UnusableResponseException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * The one place that turns an exception from a command into a message and an exit code. Expected
 * failures print one line; only unexpected ones print a stack trace.
 */
public final class ErrorHandler implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    int code = exitCodeFor(e);
    err.println("outpost: " + message(e));
    if (code == ExitCodes.INTERNAL) {
      e.printStackTrace(err);
    }
    err.flush();
    return code;
  }

  static int exitCodeFor(Throwable e) {
    return switch (e) {
      case ConfigException c -> ExitCodes.CONFIG;
      // A certificate or key file that cannot be used (serve.tls's, or tls init's existing CA).
      case TlsMaterialException t -> ExitCodes.CONFIG;
      case StoreLockedException s -> ExitCodes.STORE_BUSY;
      case StoreFullException f -> ExitCodes.DISK_FULL;
      case InvalidBundleException b -> ExitCodes.BUNDLE_REFUSED;
      case AdminUnavailableException a -> ExitCodes.STORE_BUSY;
      case ParentException p when ParentFailure.refusedCredentials(p) -> ExitCodes.CREDENTIALS_REFUSED;
      case ParentException p -> ExitCodes.PARENT_UNREACHABLE;
      // The parent answered with something unusable (over a cap, no token, wrong range): a parent
      // problem with a one-line reason, not an internal error.
      case UnusableResponseException u -> ExitCodes.PARENT_UNREACHABLE;
      case java.net.ConnectException c -> ExitCodes.PARENT_UNREACHABLE;
      case IllegalArgumentException i -> ExitCodes.USAGE; // InvalidValueException among them
      default -> ExitCodes.INTERNAL;
    };
  }

  private static String message(Throwable e) {
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }
}
