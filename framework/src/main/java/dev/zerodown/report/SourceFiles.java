package dev.zerodown.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Where the files hazards name live, as paths from the project (or repository) root: what
 * {@code report.sarif} gives code scanning so a hazard lands on the line of the pull request's file.
 *
 * @param paths hazard file name ({@code V2__rename.sql}) to its path from the root ({@code db/V2__rename.sql}, with {@code /})
 */
@API(status = API.Status.INTERNAL)
public record SourceFiles(Map<String, String> paths) {
    /** No known paths: file names stay as they are. */
    public static final SourceFiles NONE = new SourceFiles(Map.of());

    public SourceFiles {
        paths = Map.copyOf(paths);
    }

    /**
     * @param root      the project root
     * @param locations hazard file name to where the file is: a path, or {@code classpath:<path>} (then looked
     *                  for under {@code src/main/resources} and {@code src/test/resources} of the root)
     */
    public static SourceFiles of(Path root, Map<String, String> locations) {
        Path base = root.toAbsolutePath().normalize();
        Map<String, String> m = new LinkedHashMap<>();
        locations.forEach((file, location) -> {
            Path p = path(base, location);
            if (p != null) {
                Path abs = base.resolve(p).normalize();
                m.put(file, (abs.startsWith(base) ? base.relativize(abs) : abs).toString().replace('\\', '/'));
            }
        });
        return new SourceFiles(m);
    }

    private static Path path(Path base, String location) {
        if (location == null) {
            return null;
        }
        if (!location.regionMatches(true, 0, "classpath:", 0, "classpath:".length())) {
            return Path.of(location);
        }
        String relative = location.substring("classpath:".length()).replaceAll("^/+", "");
        for (String folder : new String[] {"src/main/resources", "src/test/resources"}) {
            Path candidate = base.resolve(folder).resolve(relative);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** The path of a hazard's file from the root, or the name as it is when its place is unknown. */
    public String path(String file) {
        return paths.getOrDefault(file, file);
    }
}
