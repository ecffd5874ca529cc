package dev.outpost.agent.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a webhook body: {@value #HEADER}{@code : sha256=<hex HMAC-SHA256 of the exact body bytes>}
 * keyed with the configured secret, the scheme GitHub's {@code X-Hub-Signature-256} made familiar, so
 * receivers can reuse their verification code. Holds the key, never prints it.
 */
public final class WebhookSignature {
  public static final String HEADER = "X-Outpost-Signature-256";
  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;

  public WebhookSignature(String secret) {
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
  }

  /** The header's value for {@code body}. */
  public String sign(byte[] body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }

  @Override
  public String toString() {
    return "WebhookSignature[key hidden]";
  }
}
