package dev.outpost.agent.cli;

import dev.outpost.agent.admin.TokenRequest;
import dev.outpost.agent.clientconfig.PullSecretManifest;
import dev.outpost.agent.config.OutpostConfig;
import dev.outpost.agent.json.Json;
import dev.outpost.agent.tokens.CreatedClientToken;
import dev.outpost.agent.tokens.StoreTokenAdmin;
import dev.outpost.agent.tokens.TokenAdmin;
import dev.outpost.agent.tokens.TokenSpec;
import dev.outpost.agent.tokens.TokenSummary;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code outpost token create|list|delete}: client tokens with scope maps for on-site clients. */
@Command(name = "token", description = "Manage client tokens (scope maps) for on-site pull clients.",
    subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Delete.class})
public final class TokenCommand {
  @ParentCommand
  OutpostCommand root;

  /** Runs {@code operation} on the store's tokens, directly or through the running Outpost. */
  <T> T withTokens(ConfigOption config, Function<TokenAdmin, T> operation) {
    OutpostConfig cfg = config.load(root.context().environment());
    return new StoreAccess(cfg).apply(store -> operation.apply(new StoreTokenAdmin(store)), operation);
  }

  /**
   * {@code outpost token create NAME --repository PATTERN …}: prints the password once, or with
   * {@code --kube-secret NAME --server HOST[:PORT]} prints instead a pull Secret manifest holding it
   * (standard output carries only the manifest, for {@code | kubectl apply -f -}).
   */
  @Command(name = "create", description = "Create a token; its password is printed once and stored only as a salted hash.")
  static final class Create implements Callable<Integer> {
    @ParentCommand
    TokenCommand parent;
    @Mixin
    ConfigOption config;

    @Parameters(index = "0", paramLabel = "NAME", description = "Token name (letters, digits, _ and -).")
    String name;

    @Option(names = "--repository", required = true, paramLabel = "PATTERN",
        description = "Repository the token may read: an exact name or prefix/* (repeatable).")
    List<String> repositories;

    @Option(names = "--actions", split = ",", paramLabel = "ACTION", defaultValue = "content/read,metadata/read",
        description = "Comma-separated: content/read (pull), metadata/read (list tags, catalog). Default: ${DEFAULT-VALUE}.")
    List<String> actions;

    @Option(names = "--expires", paramLabel = "ISO-DATE", description = "Expiry, e.g. 2027-01-31 or 2027-01-31T18:00:00Z (UTC).")
    String expires;

    @Option(names = "--json", description = "Print {\"name\":…,\"password\":…} for scripts.")
    boolean json;

    @Option(names = "--kube-secret", paramLabel = "NAME",
        description = "Print a kubernetes.io/dockerconfigjson Secret named NAME holding the token (instead of the password).")
    String kubeSecret;

    @Option(names = "--server", paramLabel = "HOST[:PORT]",
        description = "With --kube-secret: the registry host the workloads' image names use (the Secret's auths key).")
    String server;

    @Override
    public Integer call() throws Exception {
      CommandContext ctx = parent.root.context();
      checkSecretOptions();
      TokenSpec spec = new TokenRequest(name, repositories, actions.stream().map(String::trim).toList(),
          expiry(expires).orElse(null)).toSpec();
      CreatedClientToken issued = parent.withTokens(config, tokens -> tokens.create(spec));
      if (kubeSecret != null) {
        ctx.out().print(PullSecretManifest.render(kubeSecret, server, issued.name(), issued.password()));
        ctx.out().flush();
        ctx.err().println("Created token '" + issued.name() + "'. Its password is only in the Secret '" + kubeSecret
            + "' printed above, shown only now.");
      } else if (json) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("name", issued.name());
        out.put("password", issued.password());
        ctx.out().println(Json.newMapper().writeValueAsString(out));
      } else {
        ctx.out().println("Created token '" + issued.name() + "'. Its password is shown only now:");
        ctx.out().println(issued.password());
      }
      return ExitCodes.OK;
    }

    private void checkSecretOptions() {
      if ((kubeSecret == null) != (server == null)) {
        throw new IllegalArgumentException("--kube-secret NAME and --server HOST[:PORT] go together");
      }
      if (kubeSecret != null && json) {
        throw new IllegalArgumentException("--kube-secret and --json each print the password; choose one");
      }
      if (kubeSecret != null) {
        PullSecretManifest.check(kubeSecret, server);
      }
    }

    static Optional<Instant> expiry(String text) {
      if (text == null) {
        return Optional.empty();
      }
      try {
        return Optional.of(text.contains("T") ? Instant.parse(text) : LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("--expires '" + text + "' is not an ISO date (2027-01-31) or instant (2027-01-31T18:00:00Z)");
      }
    }
  }

  /** {@code outpost token list}. */
  @Command(name = "list", description = "List tokens and their scopes (never passwords).")
  static final class ListTokens implements Callable<Integer> {
    @ParentCommand
    TokenCommand parent;
    @Mixin
    ConfigOption config;
    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      CommandContext ctx = parent.root.context();
      List<TokenSummary> tokens = parent.withTokens(config, TokenAdmin::list);
      if (json) {
        ctx.out().println(Json.newMapper().writeValueAsString(tokens));
        return ExitCodes.OK;
      }
      for (TokenSummary t : tokens) {
        ctx.out().printf("%-24s %-8s %-22s %s%n", t.name(), t.enabled() ? "enabled" : "disabled",
            t.expiry() == null ? "no expiry" : t.expiry().toString(), String.join("; ", t.scopes()));
      }
      return ExitCodes.OK;
    }
  }

  /** {@code outpost token delete NAME}. */
  @Command(name = "delete", description = "Delete a token; clients using it are refused from then on.")
  static final class Delete implements Callable<Integer> {
    @ParentCommand
    TokenCommand parent;
    @Mixin
    ConfigOption config;
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Override
    public Integer call() {
      CommandContext ctx = parent.root.context();
      boolean deleted = parent.withTokens(config, tokens -> tokens.delete(name));
      ctx.out().println(deleted ? "Deleted token '" + name + "'." : "No token named '" + name + "'.");
      return deleted ? ExitCodes.OK : ExitCodes.INCOMPLETE;
    }
  }
}
