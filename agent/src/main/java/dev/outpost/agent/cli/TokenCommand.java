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

/**
 * {@code outpost token create|list|show|rotate|disable|enable|delete}: client tokens with scope maps
 * for on-site clients, managed as ACR's are (two password slots, each with its own expiry).
 */
@Command(name = "token", description = "Manage client tokens (scope maps) for on-site pull clients.",
    subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Delete.class,
        TokenRotateCommand.class, TokenCommand.Show.class, TokenCommand.Disable.class, TokenCommand.Enable.class})
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

  private static final String ROW = "%-24s %-8s %-36s %-36s %s%n";

  /** {@code outpost token list}: per token its status and, per password slot, whether it is set and when it expires. */
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
      if (!tokens.isEmpty()) {
        ctx.out().printf(ROW, "NAME", "STATUS", "PASSWORD1", "PASSWORD2", "SCOPES");
      }
      for (TokenSummary t : tokens) {
        ctx.out().printf(ROW, t.name(), t.status(), t.password1().describe(), t.password2().describe(),
            String.join("; ", t.scopes()));
      }
      return ExitCodes.OK;
    }
  }

  /** What every command on one named token takes: the token command above it, the configuration, the name. */
  abstract static class OnOneToken implements Callable<Integer> {
    @ParentCommand
    TokenCommand parent;
    @Mixin
    ConfigOption config;
    @Parameters(index = "0", paramLabel = "NAME")
    String name;
  }

  /** {@code outpost token delete NAME}. */
  @Command(name = "delete", description = "Delete a token; clients using it are refused from then on.")
  static final class Delete extends OnOneToken {

    @Override
    public Integer call() {
      CommandContext ctx = parent.root.context();
      boolean deleted = parent.withTokens(config, tokens -> tokens.delete(name));
      ctx.out().println(deleted ? "Deleted token '" + name + "'." : "No token named '" + name + "'.");
      return deleted ? ExitCodes.OK : ExitCodes.INCOMPLETE;
    }
  }

  /** {@code outpost token show NAME}. */
  @Command(name = "show", description = "Show one token: status, scopes, and each password slot's state and expiry.")
  static final class Show extends OnOneToken {
    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      CommandContext ctx = parent.root.context();
      Optional<TokenSummary> shown = parent.withTokens(config, tokens -> tokens.show(name));
      if (shown.isEmpty()) {
        ctx.err().println("No token named '" + name + "'.");
        return ExitCodes.INCOMPLETE;
      }
      TokenSummary t = shown.get();
      if (json) {
        ctx.out().println(Json.newMapper().writeValueAsString(t));
        return ExitCodes.OK;
      }
      ctx.out().println("name:      " + t.name());
      ctx.out().println("status:    " + t.status());
      ctx.out().println("password1: " + t.password1().describe());
      ctx.out().println("password2: " + t.password2().describe());
      ctx.out().println("scopes:    " + String.join("; ", t.scopes()));
      return ExitCodes.OK;
    }
  }

  /** {@code outpost token disable NAME}: both passwords and every access token issued from them stop working at once. */
  @Command(name = "disable", description = "Disable a token: its passwords and access tokens already issued are refused until enabled.")
  static final class Disable extends OnOneToken {

    @Override
    public Integer call() {
      return parent.setEnabled(config, name, false);
    }
  }

  /** {@code outpost token enable NAME}. */
  @Command(name = "enable", description = "Enable a disabled token again.")
  static final class Enable extends OnOneToken {

    @Override
    public Integer call() {
      return parent.setEnabled(config, name, true);
    }
  }

  int setEnabled(ConfigOption config, String name, boolean enabled) {
    CommandContext ctx = root.context();
    boolean found = withTokens(config, tokens -> tokens.setEnabled(name, enabled));
    ctx.out().println(found ? (enabled ? "Enabled" : "Disabled") + " token '" + name + "'." : "No token named '" + name + "'.");
    return found ? ExitCodes.OK : ExitCodes.INCOMPLETE;
  }
}
