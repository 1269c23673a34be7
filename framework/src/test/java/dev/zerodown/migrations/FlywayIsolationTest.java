package dev.zerodown.migrations;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.regex.Pattern;
import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/** Flyway is internal API, shaded into our jar: one class may use it, so an upgrade touches one file. */
class FlywayIsolationTest {
    @Test
    void should_use_flyway_only_in_the_splitter() throws URISyntaxException {
        // every main class of the framework (its output folder only: fast, no jars scanned)
        Path mainClasses = Path.of(MigrationLoader.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        JavaClasses classes = importWithoutResolvingJars(mainClasses);

        noClasses().that().doNotHaveFullyQualifiedName(FlywaySplitter.class.getName())
                .and().haveNameNotMatching(Pattern.quote(FlywaySplitter.class.getName()) + "\\$.*")
                .should().dependOnClassesThat().resideInAPackage("org.flywaydb..")
                .because("Flyway is shaded internal API: only FlywaySplitter may touch it")
                .check(classes);
    }

    /** Dependencies outside the folder stay unresolved stubs (names are all the rule needs): seconds faster. */
    private static JavaClasses importWithoutResolvingJars(Path folder) {
        ArchConfiguration config = ArchConfiguration.get();
        boolean before = config.resolveMissingDependenciesFromClassPath();
        config.setResolveMissingDependenciesFromClassPath(false);
        try {
            return new ClassFileImporter().importPath(folder);
        } finally {
            config.setResolveMissingDependenciesFromClassPath(before);
        }
    }
}
