package dev.outpost.serve.it;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the test classes whose tests only read: one seeded {@link TestRegistry} per class,
 * started before its first test and closed after its last.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SharedRegistryTest {
  TestRegistry registry;

  @BeforeAll
  void startRegistry(@TempDir Path directory) {
    registry = new TestRegistry(directory);
  }

  @AfterAll
  void closeRegistry() {
    if (registry != null) {
      registry.close();
    }
  }
}
