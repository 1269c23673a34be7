package dev.zerodown.trace;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.GeneralCodingRules;
import org.apiguardian.api.API;
import org.junit.jupiter.api.Test;

/** The tracer and the hazard catalogue: plain engine code with a marked public API. */
class TraceArchitectureTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("dev.zerodown.trace", "dev.zerodown.hazards");

    @Test
    void should_mark_every_public_type_with_its_api_status() {
        classes().that().arePublic().should().beAnnotatedWith(API.class).check(MAIN);
    }

    @Test
    void should_stay_free_of_test_and_build_frameworks() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.junit..", "org.assertj..", "org.apache.maven..")
                .check(MAIN);
    }

    @Test
    void should_not_print() {
        GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.check(MAIN);
    }

    @Test
    void should_keep_the_hazard_catalogue_independent_of_the_tracer() {
        noClasses().that().resideInAPackage("dev.zerodown.hazards..")
                .should().dependOnClassesThat().resideInAPackage("dev.zerodown.trace..")
                .because("the tracer uses the catalogue (ids, severities, recipes), not the other way round")
                .check(MAIN);
    }
}
