package dev.zerodown.migrations;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Flyway is internal API, shaded into our jar: one class may use it, so an upgrade touches one file. */
class FlywayIsolationTest {
    @Test
    void should_use_flyway_only_in_the_splitter() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.zerodown");

        noClasses().that().doNotHaveFullyQualifiedName(FlywaySplitter.class.getName())
                .and().haveNameNotMatching(java.util.regex.Pattern.quote(FlywaySplitter.class.getName()) + "\\$.*")
                .should().dependOnClassesThat().resideInAPackage("org.flywaydb..")
                .because("Flyway is shaded internal API: only FlywaySplitter may touch it")
                .check(classes);
    }
}
