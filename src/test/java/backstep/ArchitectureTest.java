package backstep;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Keeps the layering of docs/architecture.md true. */
@AnalyzeClasses(packages = "backstep", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  @ArchTest
  static final ArchRule coreHasNoJavaFx = noClasses().that().resideOutsideOfPackage("backstep.ui..")
      .should().dependOnClassesThat().resideInAnyPackage("javafx..", "atlantafx..", "org.controlsfx..")
      .because("the engine and the CLI must run on CI hosts without a display");

  @ArchTest
  static final ArchRule nothingDependsOnTheConsole = noClasses().that().resideOutsideOfPackage("backstep.ui..")
      .should().dependOnClassesThat().resideInAPackage("backstep.ui..")
      .because("the console is one presentation of the engine; the CLI opens it only by name, reflectively");

  @ArchTest
  static final ArchRule consoleUsesNoJdbc = noClasses().that().resideInAPackage("backstep.ui..")
      .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "com.zaxxer..", "org.jooq..")
      .because("the console reads targets and ledgers through engine and ledger values, on background threads");

  @ArchTest
  static final ArchRule onlyTheBridgeCallsRunLater = noClasses().that().resideInAPackage("backstep.ui..")
      .and().resideOutsideOfPackage("backstep.ui.fx..")
      .should().callMethod(javafx.application.Platform.class, "runLater", Runnable.class)
      .because("threads cross in one place: backstep.ui.fx (UiThread, Drain)");

  @ArchTest
  static final ArchRule coreDoesNotKnowTheCli = noClasses().that().resideOutsideOfPackage("backstep.cli..")
      .should().dependOnClassesThat().resideInAPackage("backstep.cli..")
      .because("the CLI is one presentation of the engine; the console is another");

  @ArchTest
  static final ArchRule playbooksKnowNoDatabase = noClasses().that().resideInAPackage("backstep.playbook..")
      .should().dependOnClassesThat().resideInAnyPackage("backstep.db..", "backstep.engine..", "backstep.ledger..",
          "java.sql..")
      .because("a playbook is validated and frozen before any connection exists");

  @ArchTest
  static final ArchRule lintKnowsNoDatabase = noClasses().that().resideInAPackage("backstep.lint..")
      .should().dependOnClassesThat().resideInAnyPackage("backstep.db..", "backstep.engine..", "backstep.ledger..",
          "java.sql..")
      .because("lint judges a frozen playbook, before and without any connection (CI, the console's playbook view)");

  @ArchTest
  static final ArchRule ledgerDoesNotRunSteps = noClasses().that().resideInAPackage("backstep.ledger..")
      .should().dependOnClassesThat().resideInAPackage("backstep.engine..")
      .because("the ledger records; the engine decides");

  @ArchTest
  static final ArchRule statesDependOnNothing = noClasses().that().resideInAPackage("backstep.state..")
      .should().dependOnClassesThat(resideInAPackage("backstep..").and(resideOutsideOfPackage("backstep.state..")))
      .because("run and step states are the vocabulary the engine decides in and the ledger stores: both use them, "
          + "so they may use neither");

  @ArchTest
  static final ArchRule adoptOnlyReads = noClasses().that().resideInAPackage("backstep.adopt..")
      .should().dependOnClassesThat().resideInAnyPackage("backstep.engine..", "backstep.ledger..")
      .because("adopt reads another tool's table and matches it; the engine records the baseline in the ledger");

  @ArchTest
  static final ArchRule integrityOnlyReads = noClasses().that().resideInAPackage("backstep.integrity..")
      .should().dependOnClassesThat().resideInAnyPackage("backstep.engine..", "backstep.ledger..")
      .because("integrity proves what a change did; the engine runs the change and the ledger records it");
}
