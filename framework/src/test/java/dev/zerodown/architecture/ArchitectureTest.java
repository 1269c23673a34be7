package dev.zerodown.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.domain.properties.HasAnnotations;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
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
    void should_keep_liquibase_types_in_the_classes_behind_its_guard() {
        noClasses().that().haveNameNotMatching("dev\\.zerodown\\.migrations\\.Liquibase(Library|Render|Log)(\\$.*)?")
                .should().dependOnClassesThat().resideInAPackage("liquibase..")
                .because("Liquibase is an optional dependency, loaded only for XML, YAML and JSON changelogs after"
                        + " LiquibaseClasspath found it")
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

    @Test
    void should_mark_every_public_top_level_type_with_its_api_status() {
        classes().that().arePublic().and().areTopLevelClasses().and().doNotHaveSimpleName("package-info")
                .should().beAnnotatedWith(API.class)
                .because("a user reads @API to know what Zerodown promises: STABLE, EXPERIMENTAL or INTERNAL (docs/architecture.md)")
                .check(MAIN);
    }

    /**
     * Like ArchUnit's own {@code PublicAPIRules}: a public method, constructor or field of a STABLE type (one the
     * member does not itself mark less stable) names, as a parameter, return or field type (type arguments
     * included) or as a supertype, only Zerodown types that are STABLE too. A type without {@code @API} takes the
     * status of the type it is nested in.
     */
    @Test
    void should_not_mention_a_less_stable_type_in_a_stable_signature() {
        classes().that(EFFECTIVELY_STABLE).should(new ArchCondition<JavaClass>("mention only STABLE Zerodown types in their public signatures") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                List<String> problems = new ArrayList<>();
                List<JavaClass> supertypes = new ArrayList<>(type.getInterfaces().stream().map(JavaType::toErasure).toList());
                type.getRawSuperclass().ifPresent(supertypes::add);
                for (JavaClass supertype : supertypes) {
                    check(type.getName() + " extends", Set.of(supertype), problems);
                }
                for (JavaMember member : type.getMembers()) {
                    if (!member.getModifiers().contains(JavaModifier.PUBLIC) || member.getModifiers().contains(JavaModifier.SYNTHETIC)
                            || member.getModifiers().contains(JavaModifier.BRIDGE) || lessStable(member)) {
                        continue;
                    }
                    Set<JavaClass> mentioned = new java.util.HashSet<>();
                    if (member instanceof JavaField field) {
                        mentioned.addAll(field.getType().getAllInvolvedRawTypes());
                    } else if (member instanceof JavaCodeUnit code) {
                        mentioned.addAll(code.getReturnType().getAllInvolvedRawTypes());
                        code.getParameterTypes().forEach(p -> mentioned.addAll(p.getAllInvolvedRawTypes()));
                    }
                    check(member.getFullName(), mentioned, problems);
                }
                problems.forEach(p -> events.add(SimpleConditionEvent.violated(type, p)));
            }

            private void check(String where, Set<JavaClass> mentioned, List<String> problems) {
                for (JavaClass raw : mentioned) {
                    JavaClass t = raw.isArray() ? raw.getBaseComponentType() : raw;
                    if (!t.getPackageName().startsWith("dev.zerodown") || stable(t)
                            || ALLOWED_IN_STABLE_SIGNATURES.containsKey(t.getName())) {
                        continue;
                    }
                    problems.add(where + " mentions " + t.getName() + " (" + status(t).map(Enum::name).orElse("no @API") + ")");
                }
            }
        }).because("a STABLE signature may not change under a user, so everything it names must be STABLE too").check(MAIN);
    }

    /**
     * Zerodown types a STABLE signature may name although they are less stable, each with its reason. Keep it short:
     * the usual fix is to mark the member itself {@code @API(status = INTERNAL)} or {@code EXPERIMENTAL}.
     */
    private static final Map<String, String> ALLOWED_IN_STABLE_SIGNATURES = Map.of();

    private static final DescribedPredicate<JavaClass> EFFECTIVELY_STABLE = DescribedPredicate.describe(
            "are public and STABLE (their own @API or that of the type they are nested in)",
            t -> publicAllTheWay(t) && stable(t));

    private static boolean publicAllTheWay(JavaClass t) {
        return t.getModifiers().contains(JavaModifier.PUBLIC) && t.getEnclosingClass().map(ArchitectureTest::publicAllTheWay).orElse(true);
    }

    private static boolean stable(JavaClass t) {
        return status(t).filter(s -> s == API.Status.STABLE).isPresent();
    }

    private static Optional<API.Status> status(JavaClass t) {
        Optional<API.Status> own = ownStatus(t);
        return own.isPresent() ? own : t.getEnclosingClass().flatMap(ArchitectureTest::status);
    }

    private static Optional<API.Status> ownStatus(HasAnnotations<?> element) {
        return element.tryGetAnnotationOfType(API.class).map(API::status);
    }

    /** A member of a STABLE type that marks itself INTERNAL, EXPERIMENTAL or DEPRECATED promises less than its type. */
    private static boolean lessStable(JavaMember member) {
        return ownStatus(member).filter(s -> s != API.Status.STABLE).isPresent();
    }
}
