package dev.zerodown.report;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository root, found from the test's working directory (Surefire runs in the module folder). */
public final class ProjectRoot {
    private ProjectRoot() {
    }

    public static Path find() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("framework"))) {
                return p;
            }
        }
        throw new IllegalStateException("Cannot find the project root (a folder with pom.xml and framework/) above "
                + Path.of("").toAbsolutePath());
    }
}
