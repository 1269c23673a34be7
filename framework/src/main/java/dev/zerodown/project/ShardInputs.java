package dev.zerodown.project;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import dev.zerodown.migrations.MigrationStep;
import dev.zerodown.migrations.SqlStatement;
import dev.zerodown.report.ShardManifest;

/**
 * What the shards of one check must agree on: the settings (paths relative to the project, so runners with other
 * checkout folders agree), the migration steps, and the contents of the rollout, invariants, seed, profile and
 * workload files. Left out are the settings a pipeline may set per shard without changing what is checked: the
 * slice itself, where reports and history go, the build result, and which clone of the external server a shard
 * uses.
 */
final class ShardInputs {
    /** Settings that may differ between the shards of one pipeline. */
    static final Set<String> PER_SHARD = Set.of("shard", "reportDirectory", "history", "failOn", "jdbcUrl",
            "allowExternal");

    private ShardInputs() {
    }

    static ShardManifest.Inputs of(CheckInputs inputs, List<MigrationStep> steps) {
        String root = inputs.basedir().toString();
        Map<String, String> settings = new LinkedHashMap<>();
        inputs.settings().effective().forEach((name, value) -> {
            if (!PER_SHARD.contains(name)) {
                settings.put(name, value == null ? null : relative(value, root));
            }
        });
        MessageDigest migrations = sha256();
        for (MigrationStep step : steps) {
            update(migrations, step.fileName());
            for (SqlStatement s : step.statements()) {
                update(migrations, s.sql());
            }
        }
        MessageDigest files = sha256();
        List<Path> all = new ArrayList<>();
        Stream.of(inputs.rolloutFile(), inputs.invariantsFile(), path(inputs.settings().seed()),
                path(inputs.settings().profile())).filter(p -> p != null && Files.isRegularFile(p)).forEach(all::add);
        all.addAll(workloads(inputs.workloads()));
        for (Path p : all) {
            update(files, relative(p.toString(), root));
            try {
                files.update(Files.readAllBytes(p));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + p + ": " + e.getMessage(), e);
            }
        }
        return new ShardManifest.Inputs(settings, hex(migrations), hex(files));
    }

    private static List<Path> workloads(Path folder) {
        if (folder == null || !Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".sql") && Files.isRegularFile(p)).sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + folder + ": " + e.getMessage(), e);
        }
    }

    private static Path path(String setting) {
        return setting == null || setting.isBlank() ? null : Path.of(setting);
    }

    /** Every absolute path below the project, written relative to it. */
    private static String relative(String value, String root) {
        String sep = root.endsWith(java.io.File.separator) ? root : root + java.io.File.separator;
        return value.replace(sep, "").replace(root, ".");
    }

    private static void update(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }
}
