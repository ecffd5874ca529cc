package dev.outpost.agent;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The module arrows of docs/architecture.md ("Modules and the direction of dependencies"),
 * checked over the production classes of every module (this module's tests are the one place all
 * of them are on the classpath, the fixtures included):
 *
 * <pre>
 * agent ──► sync-engine ──► local-store
 *   └─────► serve ───────► local-store
 * src-test-fixtures ──► local-store's model
 * </pre>
 *
 * Modules are told apart by their root package. Layers may not be empty, so a rule cannot pass
 * because a module's classes were missing from the import.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // import the classes once for all rules
class ArchitectureTest {
  private static final ArchRule MODULES_ONLY_LOOK_DOWN = layeredArchitecture()
      .consideringOnlyDependenciesInLayers()
      .layer("local-store").definedBy("dev.outpost.store..")
      .layer("sync-engine").definedBy("dev.outpost.sync..")
      .layer("serve").definedBy("dev.outpost.serve..")
      .layer("agent").definedBy("dev.outpost.agent..")
      .layer("fixtures").definedBy("dev.outpost.fixtures..")
      .whereLayer("agent").mayNotBeAccessedByAnyLayer()
      .whereLayer("sync-engine").mayOnlyBeAccessedByLayers("agent")
      .whereLayer("serve").mayOnlyBeAccessedByLayers("agent")
      .whereLayer("fixtures").mayNotBeAccessedByAnyLayer()
      .whereLayer("local-store").mayNotAccessAnyLayer()
      .whereLayer("fixtures").mayOnlyAccessLayers("local-store")
      .because("sync-engine and serve never import each other; agent is the only module that knows all others");

  private static final ArchRule LOCAL_STORE_HAS_NO_HTTP = noClasses()
      .that().resideInAPackage("dev.outpost.store..")
      .should().dependOnClassesThat().resideInAnyPackage(
          "okhttp3..", "org.eclipse.jetty..", "java.net.http..", "jakarta.servlet..", "com.sun.net.httpserver..",
          "dev.outpost.sync..", "dev.outpost.serve..", "dev.outpost.agent..")
      .because("local-store is the content vocabulary and the store; HTTP belongs to sync-engine and serve");

  private static final ArchRule FIXTURES_USE_ONLY_THE_CONTENT_MODEL = classes()
      .that().resideInAPackage("dev.outpost.fixtures..")
      .should().onlyDependOnClassesThat(resideOutsideOfPackage("dev.outpost..")
          .or(resideInAnyPackage("dev.outpost.fixtures..", "dev.outpost.store.model..",
              "dev.outpost.store.manifest..", "dev.outpost.store.image..")))
      .because("fixtures stand in for a parent registry; they must not reach into the store's implementation");

  private static final ArchRule NO_PACKAGE_CYCLES = slices()
      .matching("dev.outpost.(**)")
      .should().beFreeOfCycles();

  private static final ArchRule HTTP_PLUMBING_KNOWS_NO_REGISTRY = noClasses()
      .that().resideInAPackage("dev.outpost.sync.http..")
      .should().dependOnClassesThat(resideInAnyPackage("dev.outpost..").and(not(resideInAnyPackage("dev.outpost.sync.http.."))))
      .because("the HTTP layer is transport only; auth and the parent are wired above it (STYLE.md, layers that only look down)");

  private static final ArchRule ENGINE_READS_THROUGH_THE_SOURCE_SEAM = noClasses()
      .that().resideInAnyPackage("dev.outpost.sync.engine..", "dev.outpost.sync.bundle..", "dev.outpost.sync.select..")
      .and().doNotHaveFullyQualifiedName("dev.outpost.sync.engine.SyncEngine")
      .and().doNotHaveFullyQualifiedName("dev.outpost.sync.engine.ParentFailure")
      .should().dependOnClassesThat(resideInAnyPackage("dev.outpost.sync.registry..", "dev.outpost.sync.auth.."))
      .because("the planner, fetcher and commit order are written once over ContentSource, so live sync and bundle "
          + "import share them (DESIGN: sync-engine); only SyncEngine's parent constructor builds the HTTP source, and ParentFailure words the parent's refusals");

  private final JavaClasses production = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.outpost");

  @Test
  void modulesOnlyLookDown() {
    MODULES_ONLY_LOOK_DOWN.check(production);
  }

  @Test
  void localStoreHasNoHttp() {
    LOCAL_STORE_HAS_NO_HTTP.check(production);
  }

  @Test
  void fixturesUseOnlyTheContentModel() {
    FIXTURES_USE_ONLY_THE_CONTENT_MODEL.check(production);
  }

  @Test
  void noPackageCycles() {
    NO_PACKAGE_CYCLES.check(production);
  }

  @Test
  void httpPlumbingKnowsNoRegistry() {
    HTTP_PLUMBING_KNOWS_NO_REGISTRY.check(production);
  }

  @Test
  void engineReadsThroughTheSourceSeam() {
    ENGINE_READS_THROUGH_THE_SOURCE_SEAM.check(production);
  }
}
