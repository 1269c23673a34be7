package dev.zerodown.postgres;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Testcontainers is optional: only the class loaded after the classpath check may name its types. */
class PostgresArchitectureTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("dev.zerodown");

    @Test
    void should_keep_testcontainers_types_in_one_class() {
        noClasses().that().doNotHaveFullyQualifiedName(TestcontainersServer.class.getName())
                .should().dependOnClassesThat().resideInAPackage("org.testcontainers..")
                .because("Testcontainers is an optional dependency, loaded only for provider=testcontainers|auto")
                .check(MAIN);
    }
}
