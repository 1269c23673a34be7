package dev.zerodown.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zerodown.report.internal.GitCommit;
import dev.zerodown.report.internal.HistoryRecords;
import dev.zerodown.report.internal.Json;
import dev.zerodown.result.RunResult;
import org.apiguardian.api.API;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The history across runs: {@code <history>/history.jsonl}, one JSON object a line (format in docs/nightly.md,
 * versioned by {@code historyVersion}). Each run appends its records in one write under a file lock, so runs of
 * several threads and JVMs that append at once never interleave their lines.
 */
@API(status = API.Status.EXPERIMENTAL)
public final class History {
    /** The file name inside the history folder. */
    public static final String FILE = "history.jsonl";
    /** The {@code historyVersion} this class writes. */
    public static final int VERSION = HistoryRecords.VERSION;

    private static final Logger LOG = LoggerFactory.getLogger(History.class);
    private static final Object LOCK = new Object();

    private History() {
    }

    /**
     * Appends the run's records to {@code <historyDirectory>/history.jsonl}; returns the file.
     *
     * @param scale  the {@code scale} setting as text, recorded with every record (null when unknown)
     * @param preset the {@code preset} setting as text (null when unknown)
     */
    public static Path append(RunResult run, Path historyDirectory, String scale, String preset) {
        String time = run.startedAt() == null ? Instant.now().toString() : run.startedAt().toString();
        HistoryRecords.RunFacts about = new HistoryRecords.RunFacts(UUID.randomUUID().toString(), time,
                GitCommit.of(System.getenv(), Path.of("")).orElse(null), scale, preset);
        return append(HistoryRecords.of(run, about), historyDirectory);
    }

    /** Appends records as JSON lines in one write under the history's file lock. */
    static Path append(List<ObjectNode> records, Path historyDirectory) {
        StringBuilder lines = new StringBuilder();
        records.forEach(r -> lines.append(Json.compact(r)).append('\n'));
        Path file = historyDirectory.resolve(FILE);
        ByteBuffer bytes = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
        synchronized (LOCK) {
            try {
                Files.createDirectories(historyDirectory);
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND)) {
                    FileLock lock = lockOrNull(ch);
                    try {
                        while (bytes.hasRemaining()) {
                            ch.write(bytes);
                        }
                        ch.force(false);
                    } finally {
                        if (lock != null) {
                            lock.release();
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot append to history " + file + ": " + e.getMessage(), e);
            }
        }
        LOG.info("Appended {} history records to {}", records.size(), file);
        return file;
    }

    /**
     * Every record of {@code <historyDirectory>/history.jsonl}, in file order. A line that is not JSON (a run
     * killed mid-write before this format) is skipped with a warning; a newer {@code historyVersion} is kept.
     */
    public static List<JsonNode> read(Path historyDirectory) {
        Path file = historyDirectory.resolve(FILE);
        List<JsonNode> out = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read history " + file + ": " + e.getMessage(), e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            try {
                out.add(Json.read(line));
            } catch (UncheckedIOException e) {
                LOG.warn("{}:{} is not a JSON record; skipped", file, i + 1);
            }
        }
        return out;
    }

    private static FileLock lockOrNull(FileChannel ch) throws IOException {
        try {
            return ch.lock();
        } catch (OverlappingFileLockException e) {
            LOG.debug("History lock already held in this JVM; appending to {} without it", ch);
            return null;
        }
    }
}
