package dev.outpost.agent.clientconfig;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A {@code kubernetes.io/dockerconfigjson} Secret for workloads' {@code imagePullSecrets}: the
 * manifest ACR's documentation has people assemble by hand. {@code .dockerconfigjson} is base64 of
 * {@code {"auths":{"<server>":{"username","password","auth"}}}}, {@code auth} being base64 of
 * {@code username:password}.
 */
public final class PullSecretManifest {
  private static final Pattern DNS_NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");
  private static final Pattern SERVER = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]{1,5})?");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));

  private PullSecretManifest() {}

  /** Checks {@code --kube-secret} and {@code --server} before anything is created. */
  public static void check(String secretName, String server) {
    if (!DNS_NAME.matcher(secretName).matches()) {
      throw new IllegalArgumentException("--kube-secret '" + secretName
          + "' is not a Kubernetes object name (lower-case letters, digits, '-' and '.')");
    }
    if (!SERVER.matcher(server).matches()) {
      throw new IllegalArgumentException("--server '" + server
          + "' must be HOST[:PORT] as the workloads' image names use it (no scheme, no path)");
    }
  }

  public static String render(String secretName, String server, String username, String password) {
    check(secretName, server);
    Map<String, String> login = new LinkedHashMap<>();
    login.put("username", username);
    login.put("password", password);
    login.put("auth", base64((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("apiVersion", "v1");
    manifest.put("kind", "Secret");
    manifest.put("metadata", Map.of("name", secretName));
    manifest.put("type", "kubernetes.io/dockerconfigjson");
    try {
      byte[] dockerConfig = JSON.writeValueAsBytes(Map.of("auths", Map.of(server, login)));
      manifest.put("data", Map.of(".dockerconfigjson", base64(dockerConfig)));
      return YAML.writeValueAsString(manifest);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}
