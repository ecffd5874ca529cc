package dev.outpost.serve.error;

/** Carries a {@link RegistryError} out of a handler to {@link ErrorResponses}. No stack trace: it is control flow. */
public final class RegistryException extends RuntimeException {
  private final transient RegistryError error;

  public RegistryException(RegistryError error) {
    super(error.code() + ": " + error.message(), null, false, false);
    this.error = error;
  }

  public RegistryError error() {
    return error;
  }
}
