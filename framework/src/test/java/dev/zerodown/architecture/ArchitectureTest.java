package dev.zerodown.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.regex.Pattern;
import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.library.GeneralCodingRules;
import dev.zerodown.config.Durations;
import org.apiguardian.api.API;
import org.junit.jupiter.api.Test;

/**
 * The shape of the framework, in one place (docs/architecture.md draws it). Layers, lowest first:
 * <ol>
 *   <li><b>model</b> — {@code config, hazards, result, sql, migrations}: the shared vocabulary (errors,
 *       text, hazard ids and severities, the result records, SQL text split into statements, migration
 *       steps); used by everything</li>
 *   <li><b>postgres</b> — servers and databases</li>
 *   <li><b>measure</b> — {@code load, locks, trace, invariants, profile, predict}: run things against PostgreSQL and
 *       record what happened; no verdicts</li>
 *   <li><b>plan</b> — {@code plan, settings}: what to run and how (they name the user's app
 *       versions, so they sit above {@code load})</li>
 *   <li><b>judge</b> — every rule: measured facts in, hazards out; never touches a database</li>
 *   <li><b>report</b> — renders results; knows only the model</li>
 *   <li><b>engine</b> — runs a rollout: measures, judges, reports</li>
 *   <li><b>project</b> — a project folder as a run (inputs, rollout file, workloads, display, build
 *       verdict), shared by the Maven plugin and the CLI</li>
 *   <li><b>shells</b> — {@code junit, assertj} (and the Maven plugin, another module)</li>
 * </ol>
 */
class ArchitectureTest {
    private static final String MODEL = "model";
    private static final String POSTGRES = "postgres";
    private static final String MEASURE = "measure";
    private static final String PLAN = "plan";
    private static final String JUDGE = "judge";
    private static final String REPORT = "report";
    private static final String ENGINE = "engine";
    private static final String PROJECT = "project";
    private static final String SHELLS = "shells";

    /** Every package but the shells: plain Java that runs without JUnit, AssertJ or Maven. */
    private static final String[] CORE = {"dev.zerodown.config..", "dev.zerodown.hazards..", "dev.zerodown.result..",
        "dev.zerodown.sql..", "dev.zerodown.migrations..", "dev.zerodown.postgres..", "dev.zerodown.load..",
        "dev.zerodown.locks..", "dev.zerodown.trace..", "dev.zerodown.invariants..", "dev.zerodown.profile..",
        "dev.zerodown.predict..", "dev.zerodown.plan..", "dev.zerodown.settings..", "dev.zerodown.judge..",
        "dev.zerodown.report..", "dev.zerodown.engine..", "dev.zerodown.project.."};

    /** The framework's main classes (its output folder; jars stay unresolved stubs, names are all the rules need: fast). */
    private static final JavaClasses MAIN = importMainClasses();

    private static JavaClasses importMainClasses() {
        ArchConfiguration config = ArchConfiguration.get();
        boolean resolve = config.resolveMissingDependenciesFromClassPath();
        config.setResolveMissingDependenciesFromClassPath(false);
        try {
            return new ClassFileImporter().importPath(mainOutput());
        } finally {
            config.setResolveMissingDependenciesFromClassPath(resolve);
        }
    }

    private static Path mainOutput() {
        try {
            return Path.of(Durations.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void should_keep_the_layers() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer(MODEL).definedBy("dev.zerodown.config..", "dev.zerodown.hazards..", "dev.zerodown.result..",
                        "dev.zerodown.sql..", "dev.zerodown.migrations..")
                .layer(POSTGRES).definedBy("dev.zerodown.postgres..")
                .layer(MEASURE).definedBy("dev.zerodown.load..", "dev.zerodown.locks..", "dev.zerodown.trace..",
                        "dev.zerodown.invariants..", "dev.zerodown.profile..", "dev.zerodown.predict..")
                .layer(PLAN).definedBy("dev.zerodown.plan..", "dev.zerodown.settings..")
                .layer(JUDGE).definedBy("dev.zerodown.judge..")
                .layer(REPORT).definedBy("dev.zerodown.report..")
                .layer(ENGINE).definedBy("dev.zerodown.engine..")
                .layer(PROJECT).definedBy("dev.zerodown.project..")
                .layer(SHELLS).definedBy("dev.zerodown.junit..", "dev.zerodown.assertj..")
                .whereLayer(SHELLS).mayNotBeAccessedByAnyLayer()
                .whereLayer(PROJECT).mayOnlyBeAccessedByLayers(SHELLS)
                .whereLayer(ENGINE).mayOnlyBeAccessedByLayers(PROJECT, SHELLS)
                .whereLayer(REPORT).mayOnlyBeAccessedByLayers(ENGINE, PROJECT, SHELLS)
                .whereLayer(JUDGE).mayOnlyBeAccessedByLayers(ENGINE)
                .whereLayer(PLAN).mayOnlyBeAccessedByLayers(JUDGE, ENGINE, PROJECT, SHELLS)
                .whereLayer(MEASURE).mayOnlyBeAccessedByLayers(PLAN, JUDGE, ENGINE, PROJECT, SHELLS)
                .whereLayer(POSTGRES).mayOnlyBeAccessedByLayers(MEASURE, PLAN, ENGINE, PROJECT, SHELLS)
                .because("measuring, judging, running and reporting each have one home, and depend only downwards")
                .check(MAIN);
    }

    @Test
    void should_judge_without_a_database() {
        noClasses().that().resideInAPackage("dev.zerodown.judge..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.postgresql..")
                .because("the rules take measured facts and return hazards; trace, locks and load do the measuring")
                .check(MAIN);
    }

    @Test
    void should_keep_the_core_free_of_junit_assertj_and_maven() {
        noClasses().that().resideInAnyPackage(CORE)
                .should().dependOnClassesThat().resideInAnyPackage("org.junit..", "org.opentest4j..", "org.assertj..")
                .because("the engine runs without JUnit; dev.zerodown.junit and dev.zerodown.assertj are thin shells")
                .check(MAIN);
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.apache.maven..")
                .because("the Maven plugin module is a thin shell over the framework")
                .check(MAIN);
    }

    @Test
    void should_keep_testcontainers_types_in_one_class() {
        noClasses().that().doNotHaveFullyQualifiedName("dev.zerodown.postgres.TestcontainersServer")
                .should().dependOnClassesThat().resideInAPackage("org.testcontainers..")
                .because("Testcontainers is an optional dependency, loaded only for provider=testcontainers|auto")
                .check(MAIN);
    }

    @Test
    void should_split_sql_text_in_one_place() {
        noClasses().should().dependOnClassesThat().resideInAPackage("org.flywaydb..")
                .because("dev.zerodown.sql splits every SQL file; Flyway's parser is only the test oracle of FlywayParityTest")
                .check(MAIN);
        classes().that().resideInAPackage("dev.zerodown.sql..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.zerodown.sql..", "java..", "org.apiguardian..")
                .because("the SQL text layer is the lowest model package: plain text in, statements and comments out")
                .check(MAIN);
    }

    @Test
    void should_be_free_of_package_cycles() {
        slices().matching("dev.zerodown.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void should_not_print() {
        noClasses().should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
                .because("library code reports through results and loggers, never by printing")
                .check(MAIN);
    }

    @Test
    void should_mark_every_public_type_of_the_tracer_judge_catalogue_and_sql_text_with_its_api_status() {
        classes().that().arePublic().and().resideInAnyPackage("dev.zerodown.trace..", "dev.zerodown.judge..",
                        "dev.zerodown.hazards..", "dev.zerodown.sql..")
                .should().beAnnotatedWith(API.class).check(MAIN);
    }

    @Test
    void should_keep_the_hazard_catalogue_independent_of_the_tracer_and_the_results() {
        noClasses().that().resideInAPackage("dev.zerodown.hazards..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.zerodown.trace..", "dev.zerodown.judge..")
                .because("the rules use the catalogue (ids, severities, recipes), not the other way round")
                .check(MAIN);
        noClasses().that().resideInAPackage("dev.zerodown.hazards..")
                .should().dependOnClassesThat().resideInAPackage("dev.zerodown.result..")
                .because("the report model uses the hazard ids; the reverse would be a package cycle")
                .check(MAIN);
    }
}
