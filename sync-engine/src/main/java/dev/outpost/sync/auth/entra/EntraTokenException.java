package dev.outpost.sync.auth.entra;

import java.io.IOException;

/**
 * Azure Identity could not give Outpost an Entra ID access token (the identity endpoint refused or
 * failed). Reported as a refusal of the parent's credentials, not as an unreachable parent: the
 * link may be fine while the identity is not. Another attempt may succeed (an identity endpoint
 * that was briefly down); see {@link EntraUnavailableException} for when none can.
 */
public class EntraTokenException extends IOException {
  public EntraTokenException(String message, Throwable cause) {
    super(message, cause);
  }
}
