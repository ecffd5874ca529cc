package dev.outpost.agent.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest (absent when run from classes, as in tests). */
public final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = OutpostCommand.class.getPackage().getImplementationVersion();
    return new String[] {"outpost " + (version == null ? "development build" : version)};
  }
}
