package dev.outpost.agent.admin;

import dev.outpost.agent.status.StatusReport;
import dev.outpost.agent.tokens.TokenAdmin;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What the admin API exposes, supplied by the runtime: status, readiness (the store is open and the
 * registry endpoint serves), a resync trigger (absent on a root Outpost that has no parent), metrics
 * text, token administration and the secret guarding resync and tokens.
 */
public record AdminEndpoints(
    Supplier<StatusReport> status,
    BooleanSupplier ready,
    Optional<Runnable> resync,
    Supplier<String> prometheusScrape,
    TokenAdmin tokens,
    AdminSecret secret) {}
