package dev.outpost.serve.audit;

import java.time.Instant;

/**
 * One line of the access log: who asked what of the endpoint and how it went. It holds no secret by
 * construction: no header, no query string, no password; the reference is a tag or digest from the
 * path and the token is a client token's name.
 *
 * @param client the TCP peer's address
 * @param token the client token's name, or "-" when none was presented or known
 * @param route the fixed route label ({@code manifest}, {@code blob}, {@code token}…)
 * @param repository the repository in the path, or "-"
 * @param reference the tag or digest in the path, or "-"
 * @param bytes response body bytes sent
 */
public record AccessRecord(Instant time, String client, String token, String method, String route, String repository,
    String reference, int status, long bytes, long durationMillis) {}
