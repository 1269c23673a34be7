package dev.zerodown.report;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import dev.zerodown.hazards.HazardId;
import dev.zerodown.hazards.Severity;
import dev.zerodown.result.Hazard;
import dev.zerodown.result.RunResult;
import dev.zerodown.result.Timeline;
import dev.zerodown.result.TransitionKind;
import dev.zerodown.result.TransitionResult;
import dev.zerodown.result.Verdict;
import dev.zerodown.result.VersionStats;

/**
 * Prints how long the reports of a large run take to render and how big they are. Run with
 * {@code mvn -q -pl framework test-compile exec:java -Dexec.mainClass=dev.zerodown.report.ReportRenderBenchmark
 * -Dexec.classpathScope=test}.
 */
public final class ReportRenderBenchmark {
    private ReportRenderBenchmark() {
    }

    public static void main(String[] args) {
        RunResult small = ReportFixtures.unsafe();
        for (int i = 0; i < 200; i++) {
            HtmlReport.render(small);
        }
        long s0 = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            HtmlReport.render(small);
        }
        System.out.printf(Locale.ROOT, "report.html of the 4-transition unsafe fixture: %.2f ms, %,d bytes%n",
                (System.nanoTime() - s0) / 1e8, HtmlReport.render(small).getBytes(StandardCharsets.UTF_8).length);
        RunResult run = large(12, 4, 100, 2_000);
        for (int i = 0; i < 10; i++) {
            HtmlReport.render(run);
            JsonReport.toJson(run);
        }
        long t0 = System.nanoTime();
        String html = HtmlReport.render(run);
        long t1 = System.nanoTime();
        String json = JsonReport.toJson(run);
        long t2 = System.nanoTime();
        System.out.printf(Locale.ROOT, "run: 12 transitions x 6 s, 4 versions, a load point every 100 ms, "
                + "2,000 lock waits per transition (the HTML draws the longest %d)%n", 400);
        System.out.printf(Locale.ROOT, "report.html: %.0f ms, %,d bytes%n", (t1 - t0) / 1e6,
                html.getBytes(StandardCharsets.UTF_8).length);
        System.out.printf(Locale.ROOT, "report.json: %.0f ms, %,d bytes%n", (t2 - t1) / 1e6,
                json.getBytes(StandardCharsets.UTF_8).length);
    }

    static RunResult large(int transitions, int versions, long loadEveryMs, int waitsPerTransition) {
        List<TransitionResult> out = new ArrayList<>();
        long length = 6_000;
        for (int i = 0; i < transitions; i++) {
            long s = i * length;
            List<Timeline.LoadPoint> load = new ArrayList<>();
            for (int v = 0; v < versions; v++) {
                for (long at = s + loadEveryMs; at <= s + length; at += loadEveryMs) {
                    load.add(new Timeline.LoadPoint("v" + v, at, 40, at % 7 == 0 ? 1 : 0, 1.5, 9.5));
                }
            }
            List<Timeline.LockWait> waits = new ArrayList<>();
            for (int w = 0; w < waitsPerTransition; w++) {
                long ws = s + 500 + (w * 13L) % 4_000;
                waits.add(new Timeline.LockWait(1000 + w, "v" + (w % versions), "public.t" + (w % 3),
                        "RowExclusiveLock", List.of(42), true, ws, ws + 5 + w % 300, "update t set x = 1"));
            }
            Timeline tl = new Timeline(List.of(new Timeline.StatementSpan("V" + i + "__x.sql", 1, "alter table t",
                    s + 500, s + 4_500, null)), List.of(new Timeline.LockHold("public.t0", "ShareLock", s + 500,
                    s + 4_500, "V" + i + "__x.sql", 1)), waits, load);
            Hazard h = new Hazard(HazardId.BLOCKED_REQUESTS, Severity.ERROR, "public.t0", "V" + i + "__x.sql", 1,
                    "alter table t", "waits", "evidence", "recipe", false, null, s + 4_500);
            out.add(new TransitionResult("V" + i + "__x under [v0]", "V" + i + "__x.sql", TransitionKind.MIGRATE,
                    List.of("v0"), List.of(), Verdict.UNSAFE, List.of(h), Map.of("v0", new VersionStats("v0", 10, 10,
                    0, 0, Map.of(), List.of(), 1, 2, 3, 4, 0, 0, false, false, null)), List.of(), s, s + length, tl));
        }
        return new RunResult("Large", "17.11", 17, "embedded", 1, Verdict.UNSAFE, out, ReportFixtures.STARTED);
    }
}
