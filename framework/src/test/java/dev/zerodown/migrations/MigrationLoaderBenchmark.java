package dev.zerodown.migrations;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Prints how long loading a folder of 200 migrations (2,200 statements) takes, cold and warm.
 * Run: {@code mvn -q test-compile -pl framework && java -cp "framework/target/test-classes:framework/target/classes:$(mvn -q dependency:build-classpath -pl framework -Dmdep.outputFile=/dev/stdout)" dev.zerodown.migrations.MigrationLoaderBenchmark}
 */
public final class MigrationLoaderBenchmark {
    private static final int FILES = 200;
    private static final int ROUNDS = 6;

    private MigrationLoaderBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("zerodown-loader-bench");
        try {
            for (int i = 1; i <= FILES; i++) {
                StringBuilder sql = new StringBuilder();
                for (int j = 0; j < 10; j++) {
                    sql.append("-- statement ").append(j).append('\n')
                            .append("alter table t").append(i).append(" add column c").append(j).append(" int;\n");
                }
                sql.append("create function f").append(i)
                        .append("() returns int as $fn$ begin return 1; end $fn$ language plpgsql;\n");
                Files.writeString(dir.resolve("V" + i + "__step_" + i + ".sql"), sql);
            }
            for (int round = 1; round <= ROUNDS; round++) {
                long start = System.nanoTime();
                List<MigrationStep> steps = new MigrationLoader().load(List.of(dir.toString()), Map.of(), null);
                long ms = (System.nanoTime() - start) / 1_000_000;
                int statements = steps.stream().mapToInt(s -> s.statements().size()).sum();
                System.out.printf("round %d: %d files, %d statements in %d ms (%.3f ms per statement)%n",
                        round, steps.size(), statements, ms, (double) ms / statements);
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
