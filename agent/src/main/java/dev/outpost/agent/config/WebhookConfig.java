package dev.outpost.agent.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * One receiver of {@code notify.webhooks}: its {@code url} (http or https), the {@code events} it
 * wants ({@link #EVENTS}), and the HMAC key that signs each body: {@code secret}, or
 * {@code secretFile} naming a file that holds it alone (a mounted Kubernetes Secret). The secret is
 * optional (unsigned events); it never appears in an error or a log line.
 */
public record WebhookConfig(String url, List<String> events, String secret, Path secretFile) {
  /** The event names a webhook may ask for, as written in the configuration. */
  public static final Set<String> EVENTS = Set.of("pass.completed", "pass.failed", "image.synced", "image.deleted");

  public WebhookConfig {
    events = events == null ? List.of() : List.copyOf(events);
  }

  /** Refuses what cannot work, naming {@code key} (this item's path) and the field. */
  void check(String key) {
    if (url == null || url.isBlank()) {
      throw new ConfigValueException(key + ".url", "required: where to POST events, such as https://hooks.example/outpost");
    }
    try {
      URI uri = new URI(url.trim());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        throw new ConfigValueException(key + ".url", "'" + url + "' is not an http or https URL");
      }
    } catch (URISyntaxException e) {
      throw new ConfigValueException(key + ".url", "'" + url + "' is not a URL: " + e.getReason());
    }
    if (events.isEmpty()) {
      throw new ConfigValueException(key + ".events", "required: one or more of " + known());
    }
    for (String event : events) {
      if (!EVENTS.contains(event)) {
        throw new ConfigValueException(key + ".events", "'" + event + "' is not one of " + known());
      }
    }
    if (secret != null && secretFile != null) {
      throw new ConfigValueException(key + ".secretFile", "give secret or secretFile, not both");
    }
    if (secret != null && secret.isEmpty()) {
      throw new ConfigValueException(key + ".secret", "is empty; remove it to send unsigned events");
    }
  }

  /** The signing key, read from {@code secretFile} now when it names one; errors name {@code key}. */
  public Optional<String> secretValue(String key) {
    if (secretFile != null) {
      return Optional.of(SecretFile.read(key + ".secretFile", secretFile));
    }
    return Optional.ofNullable(secret);
  }

  private static String known() {
    return String.join(", ", EVENTS.stream().sorted().toList());
  }

  /** Never prints the secret. */
  @Override
  public String toString() {
    return "WebhookConfig[url=" + url + ", events=" + events + ", signed=" + (secret != null || secretFile != null) + "]";
  }
}
