package dev.outpost.agent.cli;

import dev.outpost.agent.clientconfig.ClientAuth;
import dev.outpost.agent.clientconfig.ContainerdHostsToml;
import dev.outpost.agent.clientconfig.K3sRegistriesYaml;
import dev.outpost.agent.clientconfig.MirrorTarget;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code outpost mirror-config --k3s|--containerd}: prints the node configuration that makes K3s
 * ({@code registries.yaml}) or containerd ({@code hosts.toml}) pull the upstream's images through
 * this Outpost. It needs no store: it only formats what it is told.
 */
@Command(name = "mirror-config",
    description = "Print K3s registries.yaml or containerd hosts.toml that pull an upstream registry's images through Outpost.")
public final class MirrorConfigCommand implements Callable<Integer> {
  @ParentCommand
  OutpostCommand root;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Format format;

  /** Which file to print. */
  static final class Format {
    @Option(names = "--k3s", required = true, description = "Print /etc/rancher/k3s/registries.yaml.")
    boolean k3s;
    @Option(names = "--containerd", required = true, description = "Print <config_path>/<upstream>/hosts.toml.")
    boolean containerd;
  }

  @Option(names = "--upstream", required = true, paramLabel = "HOST",
      description = "The registry the images are named after, e.g. myregistry.azurecr.io.")
  String upstream;

  @Option(names = "--endpoint", required = true, paramLabel = "URL",
      description = "Outpost's registry endpoint as nodes reach it: https://HOST:PORT (http:// with serve.httpEnabled).")
  String endpoint;

  @Option(names = "--ca", paramLabel = "FILE", description = "CA certificate file on the node that signed the endpoint's certificate.")
  Path ca;

  @Option(names = "--token", paramLabel = "NAME", description = "Client token to log in with (see 'outpost token create').")
  String token;

  @Option(names = "--password-stdin",
      description = "Read the token's password from standard input and write it into the file; without it the file holds a placeholder.")
  boolean passwordStdin;

  @Override
  public Integer call() throws IOException {
    if (passwordStdin && token == null) {
      throw new IllegalArgumentException("--password-stdin needs --token NAME");
    }
    Optional<ClientAuth> auth = Optional.ofNullable(token)
        .map(name -> new ClientAuth(name, Optional.empty()));
    if (passwordStdin) {
      auth = Optional.of(new ClientAuth(token, Optional.of(PasswordStdin.read(System.in))));
    }
    MirrorTarget target = new MirrorTarget(upstream, MirrorTarget.endpoint(endpoint), Optional.ofNullable(ca), auth);
    root.context().out().print(format.k3s ? K3sRegistriesYaml.render(target) : ContainerdHostsToml.render(target));
    root.context().out().flush();
    return ExitCodes.OK;
  }
}
