package dev.lullabeam;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layering the README describes, enforced: {@code lib} (Beam-free libraries) at the bottom,
 * {@code values} (the pipeline's element types) above it, {@code pipeline} (the stages) above
 * that, {@code app} (commands, launcher, Flink, benchmarks) on top. Arrows only point down, and no
 * two packages depend on each other. Only the application knows which runner runs the season.
 */
@AnalyzeClasses(packages = "dev.lullabeam", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

  @ArchTest
  static final ArchRule noPackageCycles =
      slices().matching("dev.lullabeam.(**)").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule librariesKnowNothingOfBeam =
      noClasses()
          .that().resideInAPackage("dev.lullabeam.lib..")
          .should().dependOnClassesThat().resideInAPackage("org.apache.beam..");

  @ArchTest
  static final ArchRule librariesKnowNothingAboveThem =
      noClasses()
          .that().resideInAPackage("dev.lullabeam.lib..")
          .should().dependOnClassesThat()
          .resideInAnyPackage("dev.lullabeam.values..", "dev.lullabeam.pipeline..", "dev.lullabeam.app..");

  @ArchTest
  static final ArchRule valuesKnowNoStages =
      noClasses()
          .that().resideInAPackage("dev.lullabeam.values..")
          .should().dependOnClassesThat()
          .resideInAnyPackage("dev.lullabeam.pipeline..", "dev.lullabeam.app..");

  @ArchTest
  static final ArchRule onlyTheApplicationKnowsTheApplication =
      noClasses()
          .that().resideOutsideOfPackage("dev.lullabeam.app..")
          .should().dependOnClassesThat().resideInAPackage("dev.lullabeam.app..");

  @ArchTest
  static final ArchRule onlyTheApplicationKnowsRunners =
      noClasses()
          .that().resideOutsideOfPackage("dev.lullabeam.app..")
          .should().dependOnClassesThat().resideInAPackage("org.apache.beam.runners..");
}
