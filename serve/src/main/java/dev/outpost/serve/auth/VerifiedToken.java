package dev.outpost.serve.auth;

/** An access token whose signature, issuer, audience and lifetime have been checked. */
public record VerifiedToken(String subject, GrantedAccess access) {}
