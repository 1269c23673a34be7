package dev.zerodown.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The engine (and the project check the plugin and the CLI share) is plain Java; JUnit, AssertJ and Testcontainers stay in their shells. */
@AnalyzeClasses(packages = "dev.zerodown", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

    private static final String[] ENGINE = {"dev.zerodown.config..", "dev.zerodown.settings..", "dev.zerodown.postgres..", "dev.zerodown.migrations..",
        "dev.zerodown.trace..", "dev.zerodown.locks..", "dev.zerodown.hazards..", "dev.zerodown.load..",
        "dev.zerodown.invariants..", "dev.zerodown.plan..", "dev.zerodown.engine..", "dev.zerodown.report..",
        "dev.zerodown.result..", "dev.zerodown.project.."};

    @ArchTest
    static final ArchRule engine_is_free_of_junit = noClasses().that().resideInAnyPackage(ENGINE)
            .should().dependOnClassesThat().resideInAnyPackage("org.junit..", "org.opentest4j..")
            .because("the engine must run without JUnit; the extension in dev.zerodown.junit is a thin shell");

    @ArchTest
    static final ArchRule engine_is_free_of_assertj = noClasses().that().resideInAnyPackage(ENGINE)
            .should().dependOnClassesThat().resideInAnyPackage("org.assertj..")
            .because("AssertJ is the user's optional dependency, used only by dev.zerodown.assertj");

    @ArchTest
    static final ArchRule engine_is_free_of_maven = noClasses().that().resideInAPackage("dev.zerodown..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.maven..")
            .because("the Maven plugin module is a thin shell over the framework");

    @ArchTest
    static final ArchRule testcontainers_only_in_its_provider = noClasses()
            .that().haveSimpleNameNotStartingWith("Testcontainers")
            .and().haveSimpleNameNotStartingWith("AutoProvider")
            .should().dependOnClassesThat().resideInAnyPackage("org.testcontainers..")
            .because("Testcontainers is optional: only its provider may load it");

    @ArchTest
    static final ArchRule shells_are_not_used_by_the_engine = noClasses().that().resideInAnyPackage(ENGINE)
            .should().dependOnClassesThat().resideInAnyPackage("dev.zerodown.junit..", "dev.zerodown.assertj..");

    @ArchTest
    static final ArchRule no_package_cycles = slices().matching("dev.zerodown.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule no_printing = noClasses().should().accessField(System.class, "out")
            .orShould().accessField(System.class, "err")
            .because("library code reports through results and loggers, never by printing");
}
