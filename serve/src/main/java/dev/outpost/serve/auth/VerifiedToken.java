package dev.outpost.serve.auth;

import java.util.Optional;

/**
 * An access token whose signature, issuer, audience and lifetime have been checked. {@code from} is
 * empty for a token without the slot claims (issued by an Outpost before they existed): such a token
 * is not honoured, and its client fetches a new one on the 401.
 */
public record VerifiedToken(String subject, Optional<IssuedFrom> from, GrantedAccess access) {}
