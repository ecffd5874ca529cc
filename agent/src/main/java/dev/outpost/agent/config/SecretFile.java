package dev.outpost.agent.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a secret that a configuration key names by file ({@code parent.passwordFile},
 * {@code parent.connectionStringFile}). The file holds the secret alone; trailing line breaks are
 * dropped, because {@code echo secret > file} and {@code kubectl create secret --from-file} leave
 * one. Errors name the key and the file, never the content.
 */
public final class SecretFile {
  private SecretFile() {}

  public static String read(String key, Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException(key + ": " + file + " does not exist");
    } catch (IOException e) {
      throw new ConfigException(key + ": cannot read " + file + ": " + e.getClass().getSimpleName(), e);
    }
    String secret = text.replaceFirst("[\\r\\n]+$", "");
    if (secret.isEmpty()) {
      throw new ConfigException(key + ": " + file + " is empty");
    }
    return secret;
  }
}
