package dev.zerodown.report.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import dev.zerodown.result.FailureGroup;
import dev.zerodown.result.RunResult;
import dev.zerodown.result.Timeline.LoadPoint;
import dev.zerodown.result.TransitionResult;
import dev.zerodown.result.VersionStats;

/** Per version: throughput with failed requests, and p50/p99 latency over time. */
final class LoadLanes {
    private static final double LANE = 54;
    private static final double PAD = 6;

    /** A load point with the interval it covers and the transition it belongs to. */
    private record Slice(LoadPoint p, long from, TransitionResult t) {
        double rate() {
            return (p.ok() + p.failed()) * 1000.0 / Math.max(1, p.atMs() - from);
        }

        double failedRate() {
            return p.failed() * 1000.0 / Math.max(1, p.atMs() - from);
        }
    }

    private LoadLanes() {
    }

    static void draw(TimelineCanvas c, RunResult run) {
        List<String> versions = Facts.versions(run);
        Map<String, List<Slice>> slices = new LinkedHashMap<>();
        versions.forEach(v -> slices.put(v, slices(run, v)));
        double maxRate = slices.values().stream().flatMap(List::stream).mapToDouble(Slice::rate).max().orElse(1);
        double maxLatency = slices.values().stream().flatMap(List::stream)
                .mapToDouble(s -> Math.max(s.p.p99Ms(), s.p.p50Ms())).max().orElse(1);
        for (int i = 0; i < versions.size(); i++) {
            String v = versions.get(i);
            List<Slice> s = slices.get(v);
            if (s.isEmpty()) {
                continue;
            }
            String colour = Palette.version(i);
            List<Integer> hits = hitDetails(c, v, s);
            throughput(c, v, s, hits, colour, Math.max(1, maxRate));
            latency(c, v, s, hits, colour, maxLatency);
        }
    }

    private static List<Slice> slices(RunResult run, String version) {
        List<Slice> out = new ArrayList<>();
        for (TransitionResult t : run.transitions()) {
            if (t.timeline() == null) {
                continue;
            }
            List<LoadPoint> points = t.timeline().load().stream().filter(p -> version.equals(p.version()))
                    .sorted(Comparator.comparingLong(LoadPoint::atMs)).toList();
            long typical = typicalInterval(points);
            long prev = Long.MIN_VALUE;
            for (LoadPoint p : points) {
                long from = prev == Long.MIN_VALUE || p.atMs() - prev > 3 * typical ? p.atMs() - typical : prev;
                out.add(new Slice(p, Math.max(from, t.startMs()), t));
                prev = p.atMs();
            }
        }
        return out;
    }

    private static long typicalInterval(List<LoadPoint> points) {
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < points.size(); i++) {
            gaps.add(points.get(i).atMs() - points.get(i - 1).atMs());
        }
        return gaps.isEmpty() ? 250 : Math.max(1, gaps.stream().sorted().toList().get(gaps.size() / 2));
    }

    private static List<Integer> hitDetails(TimelineCanvas c, String version, List<Slice> slices) {
        List<Integer> out = new ArrayList<>();
        for (Slice s : slices) {
            LoadPoint p = s.p;
            Details.Entry e = c.details.entry("load", version + " from " + Text.at(s.from) + " to " + Text.at(p.atMs()))
                    .field("transition", s.t.name())
                    .field("throughput", String.format(Locale.ROOT, "%.0f requests/s", s.rate()))
                    .field("ok", p.ok())
                    .field("failed", p.failed())
                    .field("p50 latency", Text.duration(p.p50Ms()))
                    .field("p99 latency", Text.duration(p.p99Ms()));
            VersionStats stats = s.t.requests().get(version);
            if (p.failed() > 0 && stats != null && !stats.failures().isEmpty()) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (FailureGroup g : stats.failures()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("SQLState", g.sqlState());
                    row.put("count", g.count());
                    row.put("statement", g.statement());
                    row.put("sample message", g.sampleMessage());
                    rows.add(row);
                }
                e.table("Failed requests of " + version + " in this transition", rows);
            }
            out.add(e.add());
        }
        return out;
    }

    private static void throughput(TimelineCanvas c, String v, List<Slice> slices, List<Integer> hits, String colour,
                                   double maxRate) {
        double top = c.y + 4;
        double h = LANE - 8;
        c.label(v + " \u00B7 requests/s", String.format(Locale.ROOT, "scale 0\u2013%.0f/s; failed hatched", maxRate),
                LANE);
        StringBuilder area = new StringBuilder();
        Slice prev = null;
        double base = top + h;
        for (Slice s : slices) {
            double x0 = c.scale.x(s.from);
            double x1 = c.scale.x(s.p.atMs());
            double y = base - h * s.rate() / maxRate;
            boolean joined = prev != null && prev.p.atMs() == s.from;
            if (!joined) {
                if (prev != null) {
                    area.append("L").append(Svg.n(c.scale.x(prev.p.atMs()))).append(',').append(Svg.n(base)).append('Z');
                }
                area.append('M').append(Svg.n(x0)).append(',').append(Svg.n(base));
            }
            area.append('L').append(Svg.n(x0)).append(',').append(Svg.n(y));
            area.append('L').append(Svg.n(x1)).append(',').append(Svg.n(y));
            prev = s;
        }
        if (prev != null) {
            area.append('L').append(Svg.n(c.scale.x(prev.p.atMs()))).append(',').append(Svg.n(base)).append('Z');
        }
        c.fg.empty("path", "d", area.toString(), "fill", colour, "fill-opacity", "0.28", "stroke", colour,
                "stroke-width", "1.2", "class", "zd-tput");
        for (int i = 0; i < slices.size(); i++) {
            Slice s = slices.get(i);
            double x0 = c.scale.x(s.from);
            double w = Math.max(1.5, c.scale.x(s.p.atMs()) - x0);
            if (s.p.failed() > 0) {
                double fh = Math.max(2, h * s.failedRate() / maxRate);
                c.fg.empty("rect", "x", x0, "y", base - fh, "width", w, "height", fh, "class", "zd-failed");
                c.fg.empty("rect", "x", x0, "y", base - fh, "width", w, "height", fh, "fill", "url(#zd-hatch)");
            }
            c.fg.empty("rect", "x", x0, "y", c.y, "width", w, "height", LANE, "class", "zd-hit", "data-d",
                    hits.get(i));
        }
        c.y += LANE;
    }

    private static void latency(TimelineCanvas c, String v, List<Slice> slices, List<Integer> hits, String colour,
                                double maxLatency) {
        double top = c.y + 4;
        double h = LANE - 8;
        double maxLog = Math.ceil(Math.log10(Math.max(10, maxLatency)));
        c.label(v + " \u00B7 latency (log)", "p50 solid, p99 dashed", LANE);
        for (double d = 0; d <= maxLog; d++) {
            double y = yLog(Math.pow(10, d), top, h, maxLog);
            c.fg.empty("line", "x1", TimelineCanvas.GUTTER, "x2", TimelineCanvas.WIDTH - TimelineCanvas.RIGHT,
                    "y1", y, "y2", y, "class", "zd-grid2");
            c.fg.text(decade((int) d), "x", TimelineCanvas.GUTTER - 4, "y", y + 3, "class", "zd-tick-r");
        }
        c.fg.empty("path", "d", line(c, slices, true, top, h, maxLog), "stroke", colour, "class", "zd-p50");
        c.fg.empty("path", "d", line(c, slices, false, top, h, maxLog), "stroke", colour, "class", "zd-p99");
        for (int i = 0; i < slices.size(); i++) {
            Slice s = slices.get(i);
            double x0 = c.scale.x(s.from);
            c.fg.empty("rect", "x", x0, "y", c.y, "width", Math.max(1.5, c.scale.x(s.p.atMs()) - x0), "height", LANE,
                    "class", "zd-hit", "data-d", hits.get(i));
        }
        c.y += LANE + PAD;
    }

    private static String line(TimelineCanvas c, List<Slice> slices, boolean p50, double top, double h, double maxLog) {
        StringBuilder d = new StringBuilder();
        Slice prev = null;
        for (Slice s : slices) {
            double value = p50 ? s.p.p50Ms() : s.p.p99Ms();
            boolean joined = prev != null && prev.p.atMs() == s.from;
            d.append(joined ? 'L' : 'M').append(Svg.n(c.scale.x(s.p.atMs()))).append(',')
                    .append(Svg.n(yLog(value, top, h, maxLog)));
            prev = s;
        }
        return d.toString();
    }

    /** 1 ms, 10 ms, 100 ms, 1 s, 10 s, ... */
    private static String decade(int power) {
        return power < 3 ? (int) Math.pow(10, power) + " ms" : (int) Math.pow(10, power - 3) + " s";
    }

    private static double yLog(double ms, double top, double h, double maxLog) {
        double v = Math.log10(Math.max(1, ms));
        return top + h - h * Math.min(1, v / maxLog);
    }
}
