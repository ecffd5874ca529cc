package dev.outpost.agent.helm;

import dev.outpost.agent.config.ConfigLoader;
import dev.outpost.agent.config.OutpostConfig;
import java.util.Map;

/**
 * The chart's outpost.yaml read by the agent's own {@link ConfigLoader}, so that the chart cannot
 * render a key the agent refuses.
 */
final class AgentConfigs {
  private AgentConfigs() {}

  static OutpostConfig load(String outpostYaml) {
    return new ConfigLoader(Map.of()).parse("ConfigMap outpost.yaml", outpostYaml);
  }
}
