package dev.zerodown.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import dev.zerodown.config.EnvironmentException;
import dev.zerodown.config.Text;
import dev.zerodown.migrations.MigrationStep;
import dev.zerodown.migrations.SqlStatement;
import dev.zerodown.settings.Settings;
import dev.zerodown.sql.SqlScript;

/**
 * The SHA-256 of everything that decides a seeded baseline's content, so that a template is reused only for the
 * same inputs and any change prepares a new one: each baseline step as it is applied (file name, version, the
 * statements with placeholders replaced, how it runs in a transaction), the seed file's bytes, the profile's bytes
 * with scale, maxSeedRows and randomSeed, the settings that change what is applied ({@code mixed},
 * {@code flywayTable}), the server (provider and full version) and Zerodown's own code (a changed seeding or
 * applying code prepares anew, so the on-disk cache never serves what an older Zerodown made).
 */
final class BaselineKey {
    /** Bumped when what a template holds changes in a way the inputs above do not show. */
    private static final String FORMAT = "zerodown-seeded-baseline-1";
    private static volatile String code;

    private BaselineKey() {
    }

    /**
     * @param server the server's provider and full version, such as {@code embedded 17.11}
     * @param also   the other inputs the baseline is applied with ({@link #also}: the init script, the SQL callbacks)
     */
    static String of(List<MigrationStep> baseline, Path seedFile, Path profileFile, Settings settings, String server,
                     String also) {
        Digest d = new Digest();
        d.add(FORMAT).add(code()).add(server).add(also);
        d.add(Boolean.toString(settings.mixed())).add(settings.flywayTable());
        d.add(Integer.toString(baseline.size()));
        for (MigrationStep s : baseline) {
            d.add(s.fileName()).add(String.valueOf(s.version())).add(Boolean.toString(s.executeInTransaction()));
            d.add(Integer.toString(s.statements().size()));
            for (SqlStatement st : s.statements()) {
                d.add(st.sql()).add(Boolean.toString(st.transactional()));
            }
        }
        d.add(seedFile == null ? "no seed" : "seed").add(seedFile == null ? new byte[0] : read(seedFile));
        if (profileFile == null) {
            d.add("no profile");
        } else {
            d.add("profile").add(read(profileFile)).add(settings.scale().toString())
                    .add(Long.toString(settings.maxSeedRows())).add(Long.toString(settings.randomSeed()));
        }
        return d.hex();
    }

    /**
     * The init script's bytes and every SQL callback (event, file, statements): they run with the baseline, so a
     * change to them must prepare a new template too.
     */
    static String also(Path initScript, dev.zerodown.migrations.Callbacks callbacks) {
        Digest d = new Digest();
        d.add(initScript == null ? "no init script" : "init script").add(initScript == null ? new byte[0] : read(initScript));
        for (dev.zerodown.migrations.Callbacks.Callback c : callbacks.all()) {
            d.add(c.event().toString()).add(c.script().fileName());
            for (SqlStatement st : c.script().statements()) {
                d.add(st.sql());
            }
        }
        return d.hex();
    }

    /** Statements that load data from outside the database: their input is not in the key, so nothing may be kept. */
    private static final Pattern OUTSIDE = Pattern.compile(
            "(?is)^\\s*copy\\b.*\\bfrom\\s+(program\\b|e?')|\\b(pg_read_file|pg_read_binary_file|lo_import)\\s*\\(|\\bfile_fdw\\b");

    /**
     * The first baseline or seed statement that reads a file or runs a program ({@code COPY … FROM '/data.csv'},
     * {@code pg_read_file(…)}, {@code lo_import(…)}, {@code file_fdw}), as {@code file:line: statement}: what it reads
     * is not in the key, so a template kept from it could go stale. Empty when there is none.
     */
    static Optional<String> readsOutside(List<MigrationStep> baseline, Path seedFile) {
        for (MigrationStep s : baseline) {
            for (SqlStatement st : s.statements()) {
                if (OUTSIDE.matcher(st.sql()).find()) {
                    return Optional.of(s.fileName() + ":" + st.line() + ": " + st.summary());
                }
            }
        }
        if (seedFile != null) {
            for (SqlScript.Statement st : SqlScript.parse(new String(read(seedFile), StandardCharsets.UTF_8)).statements()) {
                if (OUTSIDE.matcher(st.sql()).find()) {
                    return Optional.of(seedFile + ":" + st.line() + ": " + Text.oneLine(st.sql(), 80));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Zerodown's code, as the hash of its classes (names and CRCs of a jar's {@code dev/zerodown/} entries, or the
     * bytes of a classes folder's files); a random value where the code cannot be read, which keeps templates to
     * this JVM.
     */
    static String code() {
        String c = code;
        if (c == null) {
            c = codeIdentity();
            code = c;
        }
        return c;
    }

    private static String codeIdentity() {
        CodeSource source = BaselineKey.class.getProtectionDomain().getCodeSource();
        try {
            Path where = source == null || source.getLocation() == null ? null : Paths.get(source.getLocation().toURI());
            Digest d = new Digest();
            if (where != null && Files.isRegularFile(where)) {
                try (JarFile jar = new JarFile(where.toFile())) {
                    for (JarEntry e : Collections.list(jar.entries())) {
                        if (e.getName().startsWith("dev/zerodown/")) {
                            d.add(e.getName()).add(Long.toString(e.getCrc())).add(Long.toString(e.getSize()));
                        }
                    }
                }
                return d.hex();
            }
            if (where != null && Files.isDirectory(where.resolve("dev/zerodown"))) {
                try (Stream<Path> files = Files.walk(where.resolve("dev/zerodown"))) {
                    for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                        d.add(where.relativize(p).toString()).add(Files.readAllBytes(p));
                    }
                }
                return d.hex();
            }
        } catch (IOException | URISyntaxException | IllegalArgumentException | UncheckedIOException e) {
            // below
        }
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        return "unknown-" + HexFormat.of().formatHex(random);
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new EnvironmentException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** SHA-256 over length-prefixed parts, so that no two different part lists hash the same bytes. */
    private static final class Digest {
        private final MessageDigest md;

        Digest() {
            try {
                md = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is missing from this JVM", e);
            }
        }

        Digest add(String part) {
            return add(part.getBytes(StandardCharsets.UTF_8));
        }

        Digest add(byte[] part) {
            md.update(java.nio.ByteBuffer.allocate(Long.BYTES).putLong(part.length).array());
            md.update(part);
            return this;
        }

        String hex() {
            return HexFormat.of().formatHex(md.digest());
        }
    }
}
