package dev.outpost.agent.helm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.outpost.agent.config.ConfigLoader;
import dev.outpost.agent.config.OutpostConfig;
import dev.outpost.agent.config.ServeConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;

/**
 * The chart's outpost.yaml read by the agent's own {@link ConfigLoader}, so that the chart cannot
 * render a key the agent refuses.
 *
 * <p>One allowance, while issue 6's TLS work lands: if the agent's {@link ServeConfig} does not yet
 * have the {@code tls} / {@code httpEnabled} keys (CONTRACTS.md), those two are taken out before
 * loading; every other key is loaded as rendered. Once the agent has them, nothing is taken out.
 */
final class AgentConfigs {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private AgentConfigs() {}

  static OutpostConfig load(String outpostYaml) {
    return new ConfigLoader(Map.of()).parse("ConfigMap outpost.yaml", loadable(outpostYaml));
  }

  /** Whether the agent knows serve.tls and serve.httpEnabled yet. */
  static boolean agentKnowsServeTls() {
    return Arrays.stream(ServeConfig.class.getRecordComponents()).map(c -> c.getName()).toList()
        .containsAll(java.util.List.of("tls", "httpEnabled"));
  }

  private static String loadable(String text) {
    if (agentKnowsServeTls()) {
      return text;
    }
    try {
      ObjectNode root = (ObjectNode) YAML.readTree(text);
      if (root.get("serve") instanceof ObjectNode serve) {
        serve.remove("tls");
        serve.remove("httpEnabled");
      }
      return YAML.writeValueAsString(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
