package dev.zerodown.locks;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;
import java.util.function.LongToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zerodown.result.Timeline;

/**
 * The lock waits the server itself logged ({@code log_lock_waits}: "process N still waiting for MODE on
 * TARGET after X ms", then "process N acquired MODE on TARGET after Y ms"), read back from its
 * {@code jsonlog} or {@code csvlog} files through {@code pg_read_binary_file}, incrementally. They fill
 * the sampler's gaps: the server logs a wait of {@code deadlock_timeout} or more whether or not the
 * sampler had CPU at the time. Only lines of the run's database count. Times are ms since the run's
 * origin, from the log's wall-clock timestamps (ms precision). Not thread-safe: the monitor guards it.
 */
final class ServerLogWaits {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern EVENT = Pattern.compile(
            "process (\\d+) (still waiting for|acquired) (\\S+) on (.+?) after (\\d+(?:\\.\\d+)?) ms");
    private static final Pattern RELATION = Pattern.compile("^(?:(tuple|page) .*? of )?relation (\\d+) of database \\d+$");
    private static final Pattern HOLDERS = Pattern.compile("holding the lock: ([\\d, ]+)\\.");
    private static final Pattern QUEUE = Pattern.compile("Wait queue: ([\\d, ]+)\\.");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    private static final int MAX_READ = 4 << 20;

    /** One line of the server log, the fields that matter. */
    record Line(long epochMs, int pid, String database, String applicationName, String severity, String message,
                String detail, String statement) {
    }

    private final String database;
    private final long originEpochMs;
    private final Map<String, Long> offsets = new HashMap<>();
    private final Map<String, String> partial = new HashMap<>();
    private final Map<String, Open> open = new LinkedHashMap<>();
    private final List<Timeline.LockWait> finished = new ArrayList<>();
    private final Map<Long, String> names = new HashMap<>();
    private final int maxKept;
    private Boolean available;
    private String lastError;

    ServerLogWaits(String database, long originEpochMs, int maxKept) {
        this.database = database;
        this.originEpochMs = originEpochMs;
        this.maxKept = maxKept;
    }

    private static final class Open {
        final Line first;
        final String mode;
        final String relation;
        final long startMs;
        final List<Integer> blockers;
        long lastMs;

        Open(Line first, String mode, String relation, long startMs, List<Integer> blockers) {
            this.first = first;
            this.mode = mode;
            this.relation = relation;
            this.startMs = startMs;
            this.blockers = blockers;
            this.lastMs = first.epochMs;
        }
    }

    /**
     * Starts reading at the current end of the log, so a monitor on a server that has run for a while
     * (parallel runs share the embedded server) does not read what was logged before it started. The
     * first line after that point is skipped when the point fell inside it.
     */
    void startAtEnd(Connection c) {
        try {
            String format = format(c);
            if (format == null) {
                return;
            }
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select name, size from pg_catalog.pg_ls_logdir()")) {
                while (rs.next()) {
                    if (rs.getString(1).endsWith(format) && rs.getLong(2) > 0) {
                        offsets.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            for (Map.Entry<String, Long> e : offsets.entrySet()) {
                try (PreparedStatement p = c.prepareStatement("select pg_catalog.pg_read_binary_file(?, ?, 1, true)")) {
                    p.setString(1, "log/" + e.getKey());
                    p.setLong(2, e.getValue() - 1);
                    try (ResultSet rs = p.executeQuery()) {
                        byte[] last = rs.next() ? rs.getBytes(1) : null;
                        if (last == null || last.length != 1 || last[0] != '\n') {
                            midLine.add(e.getKey());
                        }
                    }
                }
            }
        } catch (SQLException | RuntimeException e) {
            lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private final java.util.Set<String> midLine = new java.util.HashSet<>();

    /** True when the server logs lock waits to a file this reader understands; known after the first read. */
    boolean available() {
        return Boolean.TRUE.equals(available);
    }

    String lastError() {
        return lastError;
    }

    /**
     * Reads what the server logged since the last call and returns every wait overlapping [fromMs, toMs];
     * a wait still going on ends at its last log line. {@code migrationPidAt} gives the migration's backend
     * at a time (ms), for {@code who} and {@code causedByMigration}.
     */
    List<Timeline.LockWait> waits(Connection c, long fromMs, long toMs, LongToIntFunction migrationPidAt) {
        try {
            read(c, migrationPidAt);
        } catch (SQLException | RuntimeException e) {
            lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        List<Timeline.LockWait> out = new ArrayList<>();
        for (Timeline.LockWait w : finished) {
            if (w.endMs() >= fromMs && w.startMs() <= toMs) {
                out.add(w);
            }
        }
        for (Open o : open.values()) {
            Timeline.LockWait w = wait(o, o.lastMs - originEpochMs, migrationPidAt);
            if (w.endMs() >= fromMs && w.startMs() <= toMs) {
                out.add(w);
            }
        }
        return out;
    }

    private void read(Connection c, LongToIntFunction migrationPidAt) throws SQLException {
        String format = format(c);
        if (format == null) {
            return;
        }
        List<String[]> files = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select name, size from pg_catalog.pg_ls_logdir() order by modification, name")) {
            while (rs.next()) {
                if (rs.getString(1).endsWith(format)) {
                    files.add(new String[] {rs.getString(1), Long.toString(rs.getLong(2))});
                }
            }
        }
        for (String[] f : files) {
            long offset = offsets.getOrDefault(f[0], 0L);
            long size = Long.parseLong(f[1]);
            while (offset < size) {
                int length = (int) Math.min(MAX_READ, size - offset);
                byte[] bytes;
                try (PreparedStatement p = c.prepareStatement("select pg_catalog.pg_read_binary_file(?, ?, ?, true)")) {
                    p.setString(1, "log/" + f[0]);
                    p.setLong(2, offset);
                    p.setLong(3, length);
                    try (ResultSet rs = p.executeQuery()) {
                        bytes = rs.next() ? rs.getBytes(1) : null;
                    }
                }
                if (bytes == null || bytes.length == 0) {
                    break;
                }
                offset += bytes.length;
                String text = partial.getOrDefault(f[0], "") + new String(bytes, StandardCharsets.UTF_8);
                if (midLine.contains(f[0])) {
                    int nl = text.indexOf('\n');
                    if (nl < 0) {
                        partial.put(f[0], text);
                        continue;
                    }
                    midLine.remove(f[0]);
                    text = text.substring(nl + 1);
                }
                int consumed = ".json".equals(format) ? jsonLines(text) : csvRecords(text);
                partial.put(f[0], text.substring(consumed));
            }
            offsets.put(f[0], offset);
        }
        pending.forEach(l -> onLine(c, l, migrationPidAt));
        pending.clear();
    }

    private final List<Line> pending = new ArrayList<>();

    private String format(Connection c) throws SQLException {
        if (available == null) {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select current_setting('log_lock_waits'), current_setting('logging_collector'),"
                         + " current_setting('log_destination'), current_setting('log_directory')")) {
                rs.next();
                available = "on".equals(rs.getString(1)) && "on".equals(rs.getString(2)) && "log".equals(rs.getString(4))
                        && (rs.getString(3).contains("jsonlog") || rs.getString(3).contains("csvlog"));
                formatSuffix = rs.getString(3).contains("jsonlog") ? ".json" : ".csv";
            }
        }
        return available ? formatSuffix : null;
    }

    private String formatSuffix;

    /** Parses the complete lines of {@code text}; returns how many characters were consumed. */
    int jsonLines(String text) {
        int start = 0;
        int nl;
        while ((nl = text.indexOf('\n', start)) >= 0) {
            String line = text.substring(start, nl).strip();
            start = nl + 1;
            if (line.isEmpty()) {
                continue;
            }
            try {
                JsonNode n = JSON.readTree(line);
                pending.add(new Line(epochMs(n.path("timestamp").asText()), n.path("pid").asInt(), n.path("dbname").asText(null),
                        n.path("application_name").asText(null), n.path("error_severity").asText(""),
                        n.path("message").asText(""), n.path("detail").asText(null), n.path("statement").asText(null)));
            } catch (java.io.IOException | RuntimeException e) {
                lastError = "unreadable server log line: " + e.getMessage();
            }
        }
        return start;
    }

    /** Parses the complete csvlog records of {@code text} (quoted fields may hold newlines); returns how many characters were consumed. */
    int csvRecords(String text) {
        int consumed = 0;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (ch == '\n') {
                fields.add(field.toString());
                field.setLength(0);
                csv(fields);
                fields.clear();
                consumed = i + 1;
            } else if (ch != '\r') {
                field.append(ch);
            }
        }
        return consumed;
    }

    private void csv(List<String> f) {
        if (f.size() < 23) {
            return;
        }
        try {
            pending.add(new Line(epochMs(f.get(0)), Integer.parseInt(f.get(3)), f.get(2), f.get(22), f.get(11), f.get(13),
                    f.get(14), f.get(19)));
        } catch (RuntimeException e) {
            lastError = "unreadable server log record: " + e.getMessage();
        }
    }

    private static long epochMs(String timestamp) {
        String t = timestamp.endsWith(" UTC") ? timestamp.substring(0, timestamp.length() - 4) : timestamp;
        return LocalDateTime.parse(t, TIME).toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    private void onLine(Connection c, Line l, LongToIntFunction migrationPidAt) {
        if (database != null && !database.equals(l.database())) {
            return;
        }
        Matcher m = EVENT.matcher(l.message());
        if (!m.find()) {
            if ("ERROR".equals(l.severity()) || "FATAL".equals(l.severity())) {
                closeAll(l.pid(), l.epochMs(), migrationPidAt); // cancelled (lock_timeout, statement_timeout) or terminated
            }
            return;
        }
        int pid = Integer.parseInt(m.group(1));
        String mode = m.group(3);
        String target = m.group(4);
        double afterMs = Double.parseDouble(m.group(5));
        String key = pid + "|" + mode + "|" + target;
        if (m.group(2).startsWith("still")) {
            Open o = open.get(key);
            if (o == null) {
                long startMs = Math.round(l.epochMs() - afterMs);
                open.put(key, new Open(l, mode, relation(c, target), startMs, blockers(pid, l.detail())));
            } else {
                o.lastMs = l.epochMs();
            }
        } else {
            Open o = open.remove(key);
            if (o == null) {
                o = new Open(l, mode, relation(c, target), Math.round(l.epochMs() - afterMs), blockers(pid, l.detail()));
            }
            o.lastMs = l.epochMs();
            keep(wait(o, Math.round(o.startMs + afterMs) - originEpochMs, migrationPidAt));
        }
    }

    private void closeAll(int pid, long epochMs, LongToIntFunction migrationPidAt) {
        var it = open.values().iterator();
        while (it.hasNext()) {
            Open o = it.next();
            if (o.first.pid() == pid) {
                it.remove();
                keep(wait(o, epochMs - originEpochMs, migrationPidAt));
            }
        }
    }

    private void keep(Timeline.LockWait w) {
        if (finished.size() >= maxKept) {
            finished.remove(0);
        }
        finished.add(w);
    }

    private Timeline.LockWait wait(Open o, long endMs, LongToIntFunction migrationPidAt) {
        long startMs = o.startMs - originEpochMs;
        int migration = migrationPidAt.applyAsInt(startMs);
        int pid = o.first.pid();
        return new Timeline.LockWait(pid, Names.who(pid, o.first.applicationName(), migration), o.relation, o.mode,
                o.blockers, migration != 0 && pid != migration && o.blockers.contains(migration), startMs,
                Math.max(startMs, endMs), Names.shorten(o.first.statement()));
    }

    /** Holders of the lock, then the backends queued ahead of {@code pid} (the lock queue), from the log's detail. */
    static List<Integer> blockers(int pid, String detail) {
        List<Integer> out = new ArrayList<>();
        if (detail == null) {
            return out;
        }
        Matcher h = HOLDERS.matcher(detail);
        if (h.find()) {
            pids(h.group(1), p -> p).forEach(out::add);
        }
        Matcher q = QUEUE.matcher(detail);
        if (q.find()) {
            for (int p : pids(q.group(1), x -> x)) {
                if (p == pid) {
                    break;
                }
                if (!out.contains(p)) {
                    out.add(p);
                }
            }
        }
        out.remove(Integer.valueOf(pid));
        return out;
    }

    private static List<Integer> pids(String list, IntUnaryOperator f) {
        List<Integer> out = new ArrayList<>();
        for (String s : list.split(",")) {
            if (!s.isBlank()) {
                out.add(f.applyAsInt(Integer.parseInt(s.strip())));
            }
        }
        return out;
    }

    /** As the sampler names it: {@code schema.table}, {@code tuple schema.table}, or the lock type. */
    private String relation(Connection c, String target) {
        Matcher m = RELATION.matcher(target);
        if (m.matches()) {
            String name = name(c, Long.parseLong(m.group(2)));
            return m.group(1) == null ? name : m.group(1) + " " + name;
        }
        if (target.startsWith("transaction ")) {
            return "transactionid";
        }
        if (target.startsWith("virtual transaction")) {
            return "virtualxid";
        }
        if (target.startsWith("advisory lock")) {
            return "advisory";
        }
        return target;
    }

    private String name(Connection c, long oid) {
        return names.computeIfAbsent(oid, o -> {
            try (PreparedStatement p = c.prepareStatement("select n.nspname || '.' || c.relname from pg_catalog.pg_class c"
                    + " join pg_catalog.pg_namespace n on n.oid = c.relnamespace where c.oid = ?::oid")) {
                p.setLong(1, o);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? rs.getString(1) : "oid " + o;
                }
            } catch (SQLException e) {
                return "oid " + o;
            }
        });
    }
}
