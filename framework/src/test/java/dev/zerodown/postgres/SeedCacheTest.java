package dev.zerodown.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The on-disk seed cache: a server that prepared a seeded template saves its stopped cluster, and the next server
 * started with the same cache starts with that template (its preparation does not run again). Each server here is
 * a private one with a cache folder of the test's own.
 */
class SeedCacheTest {
    private static final String KEY_A = "a".repeat(64);
    private static final String KEY_B = "b".repeat(64);

    @TempDir
    Path dataRoot;
    @TempDir
    Path cache;
    private final AtomicInteger prepared = new AtomicInteger();

    @Test
    void should_start_a_later_server_with_the_templates_an_earlier_one_prepared() throws Exception {
        try (EmbeddedServer first = EmbeddedServer.start(17, dataRoot, cache)) {
            SeededDatabase a = first.createSeeded("a", KEY_A, accounts(3)).orElseThrow();
            assertThat(a.reused()).isFalse();
            a.database().close();
            first.createDatabase("left_open");
            try (Connection c = first.admin(); Statement s = c.createStatement()) {
                s.execute("create database made_by_hand");
            }
        }
        Path binaries = cache.resolve(PostgresBinaries.binariesId(17));
        List<Path> saved = SeedCache.generations(binaries);
        assertThat(saved).hasSize(1);
        assertThat(SeedCache.readManifest(saved.get(0).resolve(SeedCache.MANIFEST))).containsOnlyKeys("a".repeat(32));
        assertThat(saved.get(0).resolve("cluster/log")).isEmptyDirectory();
        assertThat(saved.get(0).resolve("cluster/postmaster.pid")).doesNotExist();

        try (EmbeddedServer second = EmbeddedServer.start(17, dataRoot, cache)) {
            SeededDatabase a = second.createSeeded("a", KEY_A, accounts(99)).orElseThrow();
            try (Database db = a.database()) {
                assertThat(a.reused()).isTrue();
                assertThat(a.fromDisk()).isTrue();
                assertThat(a.template()).isEqualTo("zd_seed_" + "a".repeat(32));
                assertThat(prepared).as("preparations run").hasValue(1);
                assertThat(count(db)).as("rows of the template prepared by the first server").isEqualTo(3);
            }
            assertThat(databases(second)).as("only the template came with the cluster").containsExactly(a.template());
            try (Connection c = second.admin(); ResultSet rs = c.createStatement().executeQuery(
                    "select count(*) from pg_database where datname = 'made_by_hand'")) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
            second.createSeeded("b", KEY_B, accounts(5)).orElseThrow().database().close();
            assertThat(prepared).hasValue(2);
        }
        List<Path> now = SeedCache.generations(binaries);
        assertThat(now).as("the older generation is deleted once a newer one is saved").hasSize(1).doesNotContainAnyElementsOf(saved);
        assertThat(SeedCache.readManifest(now.get(0).resolve(SeedCache.MANIFEST))).containsOnlyKeys("a".repeat(32), "b".repeat(32));

        try (EmbeddedServer third = EmbeddedServer.start(17, dataRoot, cache)) {
            third.createSeeded("a", KEY_A, accounts(1)).orElseThrow().database().close();
            third.createDatabase("plain").close();
        }
        assertThat(SeedCache.generations(binaries)).as("nothing prepared, nothing saved").isEqualTo(now);
        assertThat(prepared).hasValue(2);
        assertThat(dataRoot).as("every data directory is removed").isEmptyDirectory();
    }

    @Test
    void should_keep_a_generation_while_another_jvm_copies_it() throws Exception {
        try (EmbeddedServer first = EmbeddedServer.start(17, dataRoot, cache)) {
            first.createSeeded("a", KEY_A, accounts(1)).orElseThrow().database().close();
        }
        Path binaries = cache.resolve(PostgresBinaries.binariesId(17));
        Path copied = SeedCache.generations(binaries).get(0);
        Process reader = sharedLock(binaries.resolve("locks").resolve(copied.getFileName() + ".lock"));
        try {
            try (EmbeddedServer second = EmbeddedServer.start(17, dataRoot, cache)) {
                assertThat(second.createSeeded("a", KEY_A, accounts(1)).orElseThrow().reused())
                        .as("a shared lock does not keep another reader out").isTrue();
                second.createSeeded("b", KEY_B, accounts(1)).orElseThrow().database().close();
            }
            assertThat(SeedCache.generations(binaries)).as("the generation another JVM copies stays").hasSize(2).contains(copied);
        } finally {
            reader.getOutputStream().close();
            reader.waitFor(30, TimeUnit.SECONDS);
            reader.destroyForcibly();
        }
        try (EmbeddedServer third = EmbeddedServer.start(17, dataRoot, cache)) {
            third.createSeeded("c", "c".repeat(64), accounts(1)).orElseThrow().database().close();
        }
        assertThat(SeedCache.generations(binaries)).as("once unlocked, older generations go").hasSize(1).doesNotContain(copied);
    }

    /** Another JVM holding a shared lock on {@code file}, as one copying that generation does. */
    private static Process sharedLock(Path file) throws IOException {
        java.nio.file.Files.createDirectories(file.getParent());
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                SharedLockChild.class.getName(), file.toString()).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertThat(line).as("the child took its lock").isEqualTo("LOCKED true");
        return child;
    }

    @Test
    void should_not_start_from_a_saved_cluster_that_lost_a_file() throws Exception {
        try (EmbeddedServer first = EmbeddedServer.start(17, dataRoot, cache)) {
            first.createSeeded("a", KEY_A, accounts(1)).orElseThrow().database().close();
        }
        Path generation = SeedCache.generations(cache.resolve(PostgresBinaries.binariesId(17))).get(0);
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(generation.resolve("cluster/base"))) {
            java.nio.file.Files.delete(files.filter(java.nio.file.Files::isRegularFile).reduce((x, y) -> y).orElseThrow());
        }

        try (EmbeddedServer second = EmbeddedServer.start(17, dataRoot, cache)) {
            SeededDatabase a = second.createSeeded("a", KEY_A, accounts(1)).orElseThrow();
            a.database().close();
            assertThat(a.reused()).as("an incomplete copy is not used").isFalse();
        }
        assertThat(prepared).hasValue(2);
    }

    @Test
    void should_prepare_again_a_restored_template_that_cannot_be_copied() throws Exception {
        try (EmbeddedServer first = EmbeddedServer.start(17, dataRoot, cache)) {
            first.createSeeded("a", KEY_A, accounts(4)).orElseThrow().database().close();
        }
        try (EmbeddedServer second = EmbeddedServer.start(17, dataRoot, cache)) {
            long oid;
            try (Connection c = second.admin(); ResultSet rs = c.createStatement().executeQuery(
                    "select oid from pg_database where datname = 'zd_seed_" + "a".repeat(32) + "'")) {
                rs.next();
                oid = rs.getLong(1);
            }
            DataDirectories.delete(second.directory().resolve("data/base/" + oid));

            SeededDatabase a = second.createSeeded("a", KEY_A, accounts(4)).orElseThrow();
            try (Database db = a.database()) {
                assertThat(a.reused()).isFalse();
                assertThat(count(db)).isEqualTo(4);
            }
        }
        assertThat(prepared).hasValue(2);
    }

    @Test
    void should_keep_the_most_recently_used_templates_only() throws Exception {
        try (EmbeddedServer server = EmbeddedServer.start(17, dataRoot, cache)) {
            List<String> keys = new ArrayList<>();
            for (char c : "cdef0".toCharArray()) {
                keys.add(String.valueOf(c).repeat(32));
                server.createSeeded("k", keys.get(keys.size() - 1), accounts(1)).orElseThrow().database().close();
            }
            List<String> recent = new ArrayList<>(keys.subList(1, 5));
            java.util.Collections.reverse(recent);
            assertThat(server.seeded().inventory().keySet()).as("the %d most recent", SeededTemplates.KEEP)
                    .containsExactlyElementsOf(recent);
            assertThat(databases(server)).hasSize(SeededTemplates.KEEP);
        }
    }

    /** A preparation that counts itself and creates {@code rows} accounts. */
    private Consumer<Database> accounts(int rows) {
        return db -> {
            prepared.incrementAndGet();
            try (Connection c = db.connect("prepare"); Statement s = c.createStatement()) {
                s.execute("create table accounts (id int primary key)");
                s.execute("insert into accounts select generate_series(1, " + rows + ")");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    private static long count(Database db) throws SQLException {
        try (Connection c = db.connect("test"); ResultSet rs = c.createStatement().executeQuery("select count(*) from accounts")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<String> databases(EmbeddedServer server) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = server.admin();
             ResultSet rs = c.createStatement().executeQuery("select datname from pg_database where datname like 'zd\\_%' order by 1")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
