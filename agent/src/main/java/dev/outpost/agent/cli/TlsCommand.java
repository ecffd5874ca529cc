package dev.outpost.agent.cli;

import dev.outpost.agent.tls.SiteTlsFiles;
import dev.outpost.agent.tls.TlsInit;
import dev.outpost.agent.tls.TrustInstructions;
import dev.outpost.serve.tls.SubjectNames;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code outpost tls init}: certificates for sites without a PKI. */
@Command(name = "tls", description = "TLS for the registry endpoint: a site CA and server certificates.",
    subcommands = {TlsCommand.Init.class})
public final class TlsCommand {
  @ParentCommand
  OutpostCommand root;

  /** {@code outpost tls init --dns NAME --ip ADDR [--out DIR]}. */
  @Command(name = "init", description = "Create a site CA (ca.crt, ca.key; reused if present) and a server "
      + "certificate (tls.crt with the chain, tls.key), and print how clients trust it.")
  static final class Init implements Callable<Integer> {
    @ParentCommand
    TlsCommand parent;

    @Option(names = "--dns", paramLabel = "NAME", description = "A DNS name clients use to reach Outpost (repeatable).")
    List<String> dns = new ArrayList<>();

    @Option(names = "--ip", paramLabel = "ADDR", description = "An IP address clients use to reach Outpost (repeatable).")
    List<String> ips = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", defaultValue = ".",
        description = "Folder for ca.crt, ca.key, tls.crt, tls.key. Default: the current folder.")
    Path out;

    @Option(names = "--new-ca", description = "Make a new site CA even if DIR has one (every client must then trust the new ca.crt).")
    boolean newCa;

    @Override
    public Integer call() {
      CommandContext ctx = parent.root.context();
      SubjectNames names = new SubjectNames(dns, ips);
      TlsInit.Result result = new TlsInit(ctx.clock()).run(new SiteTlsFiles(out), names, newCa);
      ctx.out().print(TrustInstructions.render(result, names));
      ctx.out().flush();
      return ExitCodes.OK;
    }
  }
}
