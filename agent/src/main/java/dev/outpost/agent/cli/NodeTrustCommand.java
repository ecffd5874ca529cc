package dev.outpost.agent.cli;

import dev.outpost.agent.nodetrust.TrustFileCopier;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code outpost node-trust --from DIR --to DIR}: the Helm chart's trust DaemonSet. Copies the
 * rendered hosts.toml and CA onto the node, then checks again every {@code --interval} and re-copies
 * whatever changed on either side (a renewed CA arriving in the volume, K3s rewriting its certs.d at
 * start) until the pod is stopped. Polling, not file events: both sides are bind mounts whose
 * changes (symlink swaps, another process's writes on the host) inotify does not reliably report.
 */
@Command(name = "node-trust",
    description = "Copy containerd hosts.toml and CA files from --from to --to, and again whenever they change, until stopped.")
public final class NodeTrustCommand implements Callable<Integer> {
  @ParentCommand
  OutpostCommand root;

  @Option(names = "--from", required = true, paramLabel = "DIR", description = "The files to place (a mounted ConfigMap/Secret).")
  Path from;

  @Option(names = "--to", required = true, paramLabel = "DIR", description = "containerd's certs.d directory on the node.")
  Path to;

  @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "PT10S",
      description = "How often to compare the two sides. Default: ${DEFAULT-VALUE}.")
  Duration interval;

  @Option(names = "--once", description = "Copy once and exit.")
  boolean once;

  @Override
  public Integer call() {
    CommandContext ctx = root.context();
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("--interval must be positive (got " + interval + ")");
    }
    TrustFileCopier copier = new TrustFileCopier(from, to);
    while (true) {
      try {
        List<Path> written = copier.copyChanged();
        written.forEach(path -> ctx.out().println("wrote " + path));
        ctx.out().flush();
      } catch (UncheckedIOException e) {
        if (once) {
          throw e;
        }
        // A volume being swapped or a host directory being rewritten: the next round retries.
        ctx.err().println("outpost: " + e.getMessage() + "; trying again in " + interval);
        ctx.err().flush();
      }
      if (once) {
        return ExitCodes.OK;
      }
      try {
        Thread.sleep(interval);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return ExitCodes.OK;
      }
    }
  }
}
