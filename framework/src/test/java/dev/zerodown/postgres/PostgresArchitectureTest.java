package dev.zerodown.postgres;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/** Testcontainers is optional: only the class loaded after the classpath check may name its types. */
class PostgresArchitectureTest {

    /** Zerodown's main classes only; dependencies are checked by name, so they need not be imported (fast). */
    private static JavaClasses mainClasses() {
        ArchConfiguration config = ArchConfiguration.get();
        boolean resolve = config.resolveMissingDependenciesFromClassPath();
        config.setResolveMissingDependenciesFromClassPath(false);
        try {
            return new ClassFileImporter().importPath(mainOutput());
        } finally {
            config.setResolveMissingDependenciesFromClassPath(resolve);
        }
    }

    /** The folder the main classes were compiled to ({@code target/classes}). */
    private static Path mainOutput() {
        try {
            return Paths.get(Postgres.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void should_keep_testcontainers_types_in_one_class() {
        noClasses().that().doNotHaveFullyQualifiedName(TestcontainersServer.class.getName())
                .should().dependOnClassesThat().resideInAPackage("org.testcontainers..")
                .because("Testcontainers is an optional dependency, loaded only for provider=testcontainers|auto")
                .check(mainClasses());
    }
}
