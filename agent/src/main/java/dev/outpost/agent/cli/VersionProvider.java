package dev.outpost.agent.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code outpost --version}: the version and the commit the build came from, so a site can say
 * exactly what it runs. Both come from {@code build.properties}, which the build fills in; a value
 * the build could not fill (no git, say) reads "unknown".
 */
public final class VersionProvider implements IVersionProvider {
  static final String RESOURCE = "/dev/outpost/agent/build.properties";

  @Override
  public String[] getVersion() {
    Properties build = load();
    return new String[] {"outpost " + value(build, "version") + " (commit " + value(build, "commit") + ")"};
  }

  private static String value(Properties build, String key) {
    String value = build.getProperty(key, "");
    // An unfilled placeholder means the build did not know the value.
    return value.isBlank() || value.startsWith("${") ? "unknown" : value;
  }

  private static Properties load() {
    Properties build = new Properties();
    try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
      if (in != null) {
        build.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
    return build;
  }
}
