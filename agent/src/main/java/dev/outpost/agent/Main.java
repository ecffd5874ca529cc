package dev.outpost.agent;

import dev.outpost.agent.cli.CommandContext;
import dev.outpost.agent.cli.ErrorHandler;
import dev.outpost.agent.cli.OutpostCommand;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;

/** The {@code outpost} executable. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    // Most commands open the store, read the YAML configuration and speak HTTP: loading all that
    // on the second core while picocli parses the command line takes it off the critical path.
    Optional<Thread> warmup = Warmup.start(args);
    int code = execute(args, System.getenv(),
        new PrintWriter(System.out, true, StandardCharsets.UTF_8), new PrintWriter(System.err, true, StandardCharsets.UTF_8));
    Warmup.awaitQuietly(warmup);
    System.exit(code);
  }

  /** Runs one command line; returns the exit code. Tests call this in-process. */
  public static int execute(String[] args, Map<String, String> environment, PrintWriter out, PrintWriter err) {
    CommandContext context = new CommandContext(environment, out, err, Clock.systemUTC());
    CommandLine cli = OutpostCommand.register(new CommandLine(new OutpostCommand(context)), args)
        .setOut(out)
        .setErr(err)
        .setExecutionExceptionHandler(new ErrorHandler());
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }
}
