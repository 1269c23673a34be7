package dev.zerodown.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zerodown.report.internal.GitCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryTest {
    @TempDir
    Path dir;

    @Test
    void should_keep_the_record_sets_of_runs_appending_at_once_whole_and_apart() throws Exception {
        int runs = 8;
        int perRun = 200;
        ExecutorService pool = Executors.newFixedThreadPool(runs);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            List<ObjectNode> set = new ArrayList<>();
            for (int i = 0; i < perRun; i++) {
                set.add(JsonNodeFactory.instance.objectNode().put("runId", "run-" + run).put("i", i)
                        .put("sql", "x".repeat(500)));
            }
            done.add(pool.submit(() -> {
                start.await();
                return History.append(set, dir);
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();

        List<JsonNode> records = History.read(dir);

        assertThat(records).hasSize(runs * perRun);
        for (int k = 0; k < records.size(); k += perRun) {
            String runId = records.get(k).get("runId").asText();
            for (int i = 0; i < perRun; i++) {
                assertThat(records.get(k + i).get("runId").asText()).isEqualTo(runId);
                assertThat(records.get(k + i).get("i").asInt()).isEqualTo(i);
            }
        }
    }

    @Test
    void should_take_the_commit_from_the_ci_first_then_from_git_files_without_running_git() throws Exception {
        Path repo = dir.resolve("repo");
        Files.createDirectories(repo.resolve(".git/refs/heads"));
        Files.writeString(repo.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        Files.writeString(repo.resolve(".git/packed-refs"), "# pack-refs\n" + "a".repeat(40) + " refs/heads/main\n");
        Path module = Files.createDirectories(repo.resolve("module"));

        assertThat(GitCommit.of(java.util.Map.of("GITHUB_SHA", "abc123"), module)).contains("abc123");
        assertThat(GitCommit.of(java.util.Map.of(), module)).contains("a".repeat(40));
        Files.writeString(repo.resolve(".git/refs/heads/main"), "b".repeat(40) + "\n");
        assertThat(GitCommit.of(java.util.Map.of(), module)).contains("b".repeat(40));
        assertThat(GitCommit.of(java.util.Map.of(), Path.of("/"))).isEmpty();
    }
}
