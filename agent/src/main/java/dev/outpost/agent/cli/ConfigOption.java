package dev.outpost.agent.cli;

import dev.outpost.agent.config.ConfigLoader;
import dev.outpost.agent.config.OutpostConfig;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** The {@code --config FILE} option every command that touches a store shares. */
public final class ConfigOption {
  @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
      description = "Outpost configuration (YAML).")
  Path configFile;

  public OutpostConfig load(Map<String, String> environment) {
    return new ConfigLoader(environment).load(configFile);
  }
}
