package dev.outpost.agent.cli;

import dev.outpost.agent.json.Json;
import dev.outpost.agent.tokens.CreatedClientToken;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code outpost token rotate NAME --slot 1|2 [--expires DATE]}: a new password in one slot, printed
 * once as {@code token create} prints one. The other slot keeps working, so clients move to the new
 * password before the old slot is rotated in turn (ACR's "regenerate password1/password2"). Access
 * tokens obtained with the slot's old password are refused from the next request on.
 */
@Command(name = "rotate", description = "Give one password slot a new password (printed once); the other slot keeps working.")
final class TokenRotateCommand implements Callable<Integer> {
  @ParentCommand
  TokenCommand parent;
  @Mixin
  ConfigOption config;

  @Parameters(index = "0", paramLabel = "NAME", description = "Token name.")
  String name;

  @Option(names = "--slot", required = true, paramLabel = "1|2", description = "The password slot to regenerate.")
  int slot;

  @Option(names = "--expires", paramLabel = "ISO-DATE",
      description = "Expiry of the new password, e.g. 2027-01-31 or 2027-01-31T18:00:00Z (UTC). Default: none.")
  String expires;

  @Option(names = "--json", description = "Print {\"name\":…,\"slot\":…,\"password\":…} for scripts.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    CommandContext ctx = parent.root.context();
    if (slot != 1 && slot != 2) {
      throw new IllegalArgumentException("--slot must be 1 or 2, was " + slot);
    }
    CreatedClientToken rotated = parent.withTokens(config,
        tokens -> tokens.rotate(name, slot, TokenCommand.Create.expiry(expires)));
    if (json) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("name", rotated.name());
      out.put("slot", rotated.slot());
      out.put("password", rotated.password());
      ctx.out().println(Json.newMapper().writeValueAsString(out));
    } else {
      ctx.out().println("Rotated password " + rotated.slot() + " of token '" + rotated.name()
          + "'. The new password is shown only now:");
      ctx.out().println(rotated.password());
    }
    return ExitCodes.OK;
  }
}
