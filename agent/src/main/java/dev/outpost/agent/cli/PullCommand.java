package dev.outpost.agent.cli;

import dev.outpost.agent.pull.ImageLocation;
import dev.outpost.agent.pull.ImagePuller;
import dev.outpost.sync.bundle.BlobCopy;
import dev.outpost.sync.http.HttpClients;
import dev.outpost.sync.http.RetryPolicy;
import dev.outpost.sync.http.RetrySettings;
import dev.outpost.sync.parent.ParentEndpoint;
import dev.outpost.sync.registry.RegistryClient;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code outpost pull URL/REPO:TAG}: pull an image from a registry and verify every digest. */
@Command(name = "pull", description = "Pull an image from a registry (an Outpost, say), verifying every digest.")
public final class PullCommand implements Callable<Integer> {
  @ParentCommand
  OutpostCommand root;

  @Parameters(index = "0", paramLabel = "IMAGE", description = "http[s]://host:port/repo:tag or …/repo@sha256:…")
  String image;

  @Option(names = "--username", description = "User (a client token name).")
  String username;

  @Option(names = "--password-stdin", description = "Read the password from standard input.")
  boolean passwordStdin;

  @Option(names = "--output", paramLabel = "DIR", description = "Write the image as an OCI layout into DIR.")
  Path output;

  @Override
  public Integer call() throws IOException {
    CommandContext ctx = root.context();
    ImageLocation location = ImageLocation.parse(image);
    String password = passwordStdin ? PasswordStdin.read(System.in) : null;
    if ((username == null) != (password == null)) {
      throw new IllegalArgumentException("--username and --password-stdin go together");
    }
    ParentEndpoint endpoint = ParentEndpoint.fromUrl(location.registry().toString(), username, password);
    RetryPolicy retry = new RetryPolicy(RetrySettings.defaults(), ctx.clock());
    try (RegistryClient client = RegistryClient.forParent(endpoint, 4, HttpClients.DEFAULT_STALL_TIMEOUT, retry, ctx.clock())) {
      new ImagePuller(client, new BlobCopy(retry, () -> false), Optional.ofNullable(output), ctx.out())
          .pull(location.repository(), location.reference());
    }
    return ExitCodes.OK;
  }
}
