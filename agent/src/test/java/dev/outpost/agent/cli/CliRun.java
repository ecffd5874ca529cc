package dev.outpost.agent.cli;

import dev.outpost.agent.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** One in-process run of the CLI, exactly as {@code main} runs it, with captured output. */
record CliRun(int exitCode, String stdout, String stderr) {
  static CliRun of(String... args) {
    return withEnv(Map.of(), args);
  }

  static CliRun withEnv(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(args, env, new PrintWriter(out, true), new PrintWriter(err, true));
    return new CliRun(code, out.toString(), err.toString());
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
  }
}
