package dev.outpost.agent.admin;

import dev.outpost.agent.status.StatusReport;
import dev.outpost.agent.tokens.TokenAdmin;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the admin API exposes, supplied by the runtime: status, a resync trigger (absent on a root
 * Outpost that has no parent), metrics text, token administration and the secret guarding it.
 */
public record AdminEndpoints(
    Supplier<StatusReport> status,
    Optional<Runnable> resync,
    Supplier<String> prometheusScrape,
    TokenAdmin tokens,
    AdminSecret secret) {}
