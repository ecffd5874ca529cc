package dev.outpost.agent.cli;

import dev.outpost.agent.admin.ImportReportJson;
import dev.outpost.agent.config.OutpostConfig;
import dev.outpost.agent.imports.ImportHistory;
import dev.outpost.agent.imports.RecordingImporter;
import dev.outpost.agent.json.Json;
import dev.outpost.sync.bundle.BundleImport;
import dev.outpost.sync.bundle.ImportReport;
import dev.outpost.sync.engine.SyncListener;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code outpost bundle import PATH…}: imports bundle parts (directories or {@code .tar} files, or
 * folders holding them) into the store, directly when no Outpost holds it, else through the running
 * Outpost's admin API ({@code POST /imports}). Prints per repository the tags imported, waiting for
 * other parts, and refused; exits 0 when every selected tag of the bundle is visible, 1 when some
 * wait or were refused, 9 when a part is incomplete, unreadable or of another bundle.
 */
@Command(name = "import", description = "Import bundle parts (directories or .tar files, or folders holding them) into the store.")
final class BundleImportCommand implements Callable<Integer> {
  @ParentCommand
  BundleCommand parent;
  @Mixin
  ConfigOption config;
  @Parameters(arity = "1..*", paramLabel = "PATH", description = "A bundle part (directory or .tar), or a folder holding parts.")
  List<Path> paths;
  @Option(names = "--json", description = "Print the import report as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    CommandContext ctx = parent.root.context();
    OutpostConfig cfg = config.load(ctx.environment());
    // Absolute: the running Outpost resolves them, and its working directory is not ours.
    List<Path> parts = paths.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    ImportReport report;
    try (StopSignals stop = new StopSignals()) {
      report = new StoreAccess(cfg).apply(store -> {
        try {
          // Recorded as each repository's last import, which 'outpost status' shows (run records its own).
          return new RecordingImporter(p -> BundleImport.run(p, store, cfg.sync().settings(), SyncListener.NONE,
              stop::received, new SimpleMeterRegistry(), ctx.clock()), ImportHistory.at(cfg.storage().path()), ctx.clock())
              .importParts(parts);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }, admin -> admin.importBundle(parts));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    if (json) {
      ctx.out().println(Json.newMapper().writeValueAsString(ImportReportJson.of(report)));
    } else {
      ImportLines.print(report, ctx.out());
    }
    if (report.stopped()) {
      return ExitCodes.STOPPED;
    }
    return report.complete() ? ExitCodes.OK : ExitCodes.INCOMPLETE;
  }
}
