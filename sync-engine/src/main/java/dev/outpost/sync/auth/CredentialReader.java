package dev.outpost.sync.auth;

import java.util.Optional;

/**
 * Reads the parent's username and password anew from where they are kept (a
 * {@code parent.passwordFile}, a {@code parent.connectionStringFile}), so that a password rotated
 * while a pass runs is picked up when the parent rejects the old one. Implementations may throw an
 * unchecked exception when the file cannot be read (mid-rotation); its message must name the file,
 * never the secret.
 */
@FunctionalInterface
public interface CredentialReader {
  /** Credentials that are given once (inline in the configuration, or in a test): nothing new to read. */
  CredentialReader NONE = Optional::empty;

  /** The credentials as they are kept now; empty when nothing is kept apart from what was given. */
  Optional<ParentCredentials> read();
}
