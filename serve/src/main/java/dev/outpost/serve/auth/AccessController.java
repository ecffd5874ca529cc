package dev.outpost.serve.auth;

import org.eclipse.jetty.server.Request;

/**
 * Decides whether a request may have the access it needs (distribution's
 * {@code AccessController.Authorized}). Called before any store lookup, so a denial cannot depend
 * on whether the repository exists.
 */
public interface AccessController {
  AuthDecision authorize(Request request, RequiredAccess required);
}
