package dev.outpost.agent.admin;

import dev.outpost.agent.maintenance.GcResult;
import dev.outpost.agent.status.StatusReport;
import dev.outpost.agent.tokens.TokenAdmin;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What the admin API exposes, supplied by the runtime: status, readiness (the store is open and the
 * registry endpoint serves), a resync trigger (absent on a root Outpost that has no parent), metrics
 * text, token administration, garbage collection and the secret guarding resync, tokens and GC.
 */
public record AdminEndpoints(
    Supplier<StatusReport> status,
    BooleanSupplier ready,
    Optional<Runnable> resync,
    Supplier<String> prometheusScrape,
    TokenAdmin tokens,
    AdminSecret secret,
    GcRunner gc,
    VerifyRunner verify,
    ImportRunner imports,
    InventoryRunner inventory) {

  /** Without garbage collection (a {@code POST /gc} then fails with its reason). */
  public AdminEndpoints(Supplier<StatusReport> status, BooleanSupplier ready, Optional<Runnable> resync,
      Supplier<String> prometheusScrape, TokenAdmin tokens, AdminSecret secret) {
    this(status, ready, resync, prometheusScrape, tokens, secret, GcRunner.NONE, VerifyRunner.NONE);
  }

  /** Without bundle import (a {@code POST /imports} then fails with its reason). */
  public AdminEndpoints(Supplier<StatusReport> status, BooleanSupplier ready, Optional<Runnable> resync,
      Supplier<String> prometheusScrape, TokenAdmin tokens, AdminSecret secret, GcRunner gc, VerifyRunner verify) {
    this(status, ready, resync, prometheusScrape, tokens, secret, gc, verify, ImportRunner.NONE, InventoryRunner.NONE);
  }

  /** Takes the store's inventory ({@code outpost inventory} while {@code run} holds the store). */
  @FunctionalInterface
  public interface InventoryRunner {
    InventoryRunner NONE = () -> {
      throw new IllegalStateException("the inventory is not available here");
    };

    dev.outpost.sync.bundle.Inventory take();
  }

  /** Imports bundle parts ({@code outpost bundle import} while {@code run} holds the store). */
  @FunctionalInterface
  public interface ImportRunner {
    ImportRunner NONE = paths -> {
      throw new IllegalStateException("bundle import is not available here");
    };

    dev.outpost.sync.bundle.ImportReport run(java.util.List<java.nio.file.Path> paths) throws java.io.IOException;
  }

  /** Runs {@code outpost verify} ({@code repair}: quarantine and drop) and returns the report. */
  @FunctionalInterface
  public interface VerifyRunner {
    VerifyRunner NONE = repair -> {
      throw new IllegalStateException("verify is not available here");
    };

    dev.outpost.store.verify.VerifyReport run(boolean repair);
  }

  /** Runs garbage collection ({@code dryRun}: report only) and returns what it removed. */
  @FunctionalInterface
  public interface GcRunner {
    GcRunner NONE = dryRun -> {
      throw new IllegalStateException("garbage collection is not available here");
    };

    GcResult run(boolean dryRun);
  }
}
