package dev.outpost.sync.acr;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpResponse;
import dev.outpost.sync.http.ParentException;
import dev.outpost.sync.http.UnusableResponseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Turns what the Azure SDK throws into what the rest of the sync engine judges: an HTTP error answer
 * becomes a {@link ParentException} with its status and {@code Retry-After} (so the one retry policy
 * and the failure classification see it as they see the distribution API's), a link failure the
 * {@link IOException} under it, and anything else an {@link UnusableResponseException}.
 */
final class AcrErrors {
  private AcrErrors() {}

  static <T> T call(String what, Callable<T> call) throws IOException {
    try {
      return call.call();
    } catch (HttpResponseException e) {
      HttpResponse response = e.getResponse();
      int status = response == null ? 0 : response.getStatusCode();
      Optional<String> retryAfter = Optional.ofNullable(response == null ? null : response.getHeaderValue("Retry-After"));
      throw new ParentException("Tried to " + what + ": HTTP " + status + " " + firstLine(e), status, Optional.empty(),
          retryAfter);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io; // the SDK wraps OkHttp's failures: a refused connection, a stall
      }
      throw new UnusableResponseException("Tried to " + what + ": " + firstLine(e));
    }
  }

  private static String firstLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.lines().findFirst().orElse(message).trim();
  }
}
