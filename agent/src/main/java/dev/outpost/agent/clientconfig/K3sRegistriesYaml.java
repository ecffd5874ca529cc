package dev.outpost.agent.clientconfig;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * K3s's {@code /etc/rancher/k3s/registries.yaml}: the upstream mirrored by the Outpost endpoint,
 * and under {@code configs} (keyed by the endpoint's {@code host:port}) the CA to trust and the
 * token to log in with. Written by Jackson's YAML generator with every string quoted: with quotes
 * minimised, a password such as {@code 1e3} was written bare and read back as a number.
 */
public final class K3sRegistriesYaml {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));

  private K3sRegistriesYaml() {}

  public static String render(MirrorTarget target) {
    Map<String, Object> config = new LinkedHashMap<>();
    target.ca().ifPresent(ca -> config.put("tls", Map.of("ca_file", ca.toString())));
    target.auth().ifPresent(auth -> {
      Map<String, String> login = new LinkedHashMap<>();
      login.put("username", auth.username());
      login.put("password", auth.passwordOrPlaceholder());
      config.put("auth", login);
    });
    Map<String, Object> file = new LinkedHashMap<>();
    file.put("mirrors", Map.of(target.upstream(), Map.of("endpoint", List.of(target.endpoint().toString()))));
    if (!config.isEmpty()) {
      file.put("configs", Map.of(target.endpointAuthority(), config));
    }
    try {
      return "# /etc/rancher/k3s/registries.yaml (written by outpost mirror-config); restart k3s after changing it\n"
          + YAML.writeValueAsString(file);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
