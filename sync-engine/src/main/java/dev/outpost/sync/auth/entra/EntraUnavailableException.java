package dev.outpost.sync.auth.entra;

import dev.outpost.sync.http.PermanentFailure;

/**
 * The environment offers no identity of the configured kind (no managed identity endpoint, no
 * workload identity token file, nothing {@code DefaultAzureCredential} can use): asking again in
 * this pass will not change that, so it is not retried.
 */
public final class EntraUnavailableException extends EntraTokenException implements PermanentFailure {
  public EntraUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
