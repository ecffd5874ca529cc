package dev.outpost.serve.auth;

import dev.outpost.serve.error.RegistryError;

/** The outcome of {@link AccessController#authorize}: go ahead as a principal, or answer with a challenge. */
public sealed interface AuthDecision {
  record Grant(Principal principal) implements AuthDecision {}

  record Challenge(RegistryError error) implements AuthDecision {}
}
