package dev.zerodown.report.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * The commit a run was built from, without running git: {@code GITHUB_SHA} or {@code CI_COMMIT_SHA} when a CI sets
 * them, else {@code .git/HEAD} of the working directory or a parent (a worktree's {@code .git} file is followed,
 * a branch is resolved through its ref file or {@code packed-refs}).
 */
@API(status = API.Status.INTERNAL)
public final class GitCommit {
    private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}([0-9a-f]{24})?");

    private GitCommit() {
    }

    public static Optional<String> of(Map<String, String> env, Path workingDirectory) {
        for (String name : new String[] {"GITHUB_SHA", "CI_COMMIT_SHA"}) {
            String v = env.get(name);
            if (v != null && !v.isBlank()) {
                return Optional.of(v.trim());
            }
        }
        for (Path dir = workingDirectory.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            Path git = dir.resolve(".git");
            if (Files.exists(git)) {
                return fromGit(git);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> fromGit(Path git) {
        try {
            Path gitDir = git;
            if (Files.isRegularFile(git)) {
                String line = Files.readString(git, StandardCharsets.UTF_8).trim();
                if (!line.startsWith("gitdir:")) {
                    return Optional.empty();
                }
                gitDir = git.getParent().resolve(line.substring("gitdir:".length()).trim()).normalize();
            }
            String head = Files.readString(gitDir.resolve("HEAD"), StandardCharsets.UTF_8).trim();
            if (SHA.matcher(head).matches()) {
                return Optional.of(head);
            }
            if (!head.startsWith("ref:")) {
                return Optional.empty();
            }
            String ref = head.substring("ref:".length()).trim();
            Path common = commonDir(gitDir);
            for (Path d : new Path[] {gitDir, common}) {
                Path file = d.resolve(ref);
                if (Files.isRegularFile(file)) {
                    String sha = Files.readString(file, StandardCharsets.UTF_8).trim();
                    return SHA.matcher(sha).matches() ? Optional.of(sha) : Optional.empty();
                }
            }
            Path packed = common.resolve("packed-refs");
            if (Files.isRegularFile(packed)) {
                for (String l : Files.readAllLines(packed, StandardCharsets.UTF_8)) {
                    String[] parts = l.trim().split(" ");
                    if (parts.length == 2 && parts[1].equals(ref) && SHA.matcher(parts[0]).matches()) {
                        return Optional.of(parts[0]);
                    }
                }
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** A worktree's git directory names the shared one in {@code commondir}. */
    private static Path commonDir(Path gitDir) throws IOException {
        Path file = gitDir.resolve("commondir");
        if (!Files.isRegularFile(file)) {
            return gitDir;
        }
        return gitDir.resolve(Files.readString(file, StandardCharsets.UTF_8).trim()).normalize();
    }
}
