package dev.zerodown.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;
import dev.zerodown.hazards.HazardId;
import dev.zerodown.hazards.Severities;
import dev.zerodown.hazards.Severity;
import dev.zerodown.judge.PredictionRules;
import dev.zerodown.judge.TransitionJudge;
import dev.zerodown.migrations.MigrationStep;
import dev.zerodown.migrations.SqlStatement;
import dev.zerodown.predict.Predictions;
import dev.zerodown.predict.Target;
import dev.zerodown.result.Baseline;
import dev.zerodown.result.FailureGroup;
import dev.zerodown.result.Hazard;
import dev.zerodown.result.InvariantResult;
import dev.zerodown.result.NotRunTransition;
import dev.zerodown.result.Prediction;
import dev.zerodown.result.RunResult;
import dev.zerodown.result.Timeline;
import dev.zerodown.result.Timeline.LoadPoint;
import dev.zerodown.result.Timeline.LockHold;
import dev.zerodown.result.Timeline.LockWait;
import dev.zerodown.result.Timeline.StatementSpan;
import dev.zerodown.result.TransitionKind;
import dev.zerodown.result.TransitionResult;
import dev.zerodown.result.Verdict;
import dev.zerodown.result.VersionStats;

/** Hand-built runs shaped like what the engine measures, for formatting tests. */
final class ReportFixtures {
    static final Instant STARTED = Instant.parse("2026-11-21T10:15:30Z");
    static final String XSS = "</script><img src=x onerror=alert(1)>";
    private static final int MIGRATION_PID = 4242;

    private ReportFixtures() {
    }

    /** A blocking index build, then an in-place rename that breaks v1 (42703), a deploy, and a contract step. */
    static RunResult unsafe() {
        return new RunResult("UsersRolloutTest", "17.11", 17, "embedded", 7_001L, Verdict.UNSAFE,
                List.of(blockingIndex(), rename(""), deployV2(), dropLegacyFlags()), STARTED);
    }

    /** Expand, deploy, concurrent index: nothing waited, nothing failed. */
    static RunResult safe() {
        return new RunResult("AddNicknameTest", "17.11", 17, "embedded", 42L, Verdict.SAFE,
                List.of(addNickname(), deployNicknameV2(), indexNickname()), STARTED);
    }

    /** The unsafe run with hostile text wherever users can put text. */
    static RunResult hostile() {
        TransitionResult rename = rename("-- " + XSS + "\n");
        TransitionResult deploy = deployV2();
        InvariantResult inv = new InvariantResult("every_user_has_full_name " + XSS, 1,
                List.of(row("id", 7, "email", XSS + "@example.com")), 8_400);
        deploy = new TransitionResult(deploy.name(), deploy.step(), deploy.kind(), deploy.liveVersions(),
                deploy.canaryVersions(), deploy.verdict(), deploy.hazards(), deploy.requests(), List.of(inv),
                deploy.startMs(), deploy.endMs(), deploy.timeline());
        return new RunResult("Hostile" + XSS, "17.11", 17, "embedded", 1L, Verdict.UNSAFE,
                List.of(blockingIndex(), rename, deploy), STARTED);
    }

    /** A short run covering every report.json field, for the documented example. */
    static RunResult docsExample() {
        String file = "V2__rename_user_name.sql";
        String sql = "alter table users rename column user_name to full_name";
        Hazard failed = hazard(HazardId.FAILED_REQUESTS, Severity.ERROR, "public.users", file, 1, sql,
                "v1: 3 of 10 requests failed after the statement ran.",
                "42703 column \"user_name\" does not exist (3x): select user_name from users where id = $1",
                "Expand/contract: add the new column, dual-write from the new version, backfill, switch reads, "
                        + "and rename or drop only once no live version uses the old name.", 520);
        Hazard strong = hazard(HazardId.STRONG_LOCK, Severity.WARNING, "public.users", file, 1, sql,
                "AccessExclusiveLock on public.users for 4 ms.", "AccessExclusiveLock held 4 ms; lock_timeout=2s",
                "Keep the lock brief and set lock_timeout.", 500)
                .acknowledge("catalog-only change, lock_timeout is set by the runner");
        VersionStats v1 = new VersionStats("v1", 10, 7, 3, 0, Map.of("42703", 3L),
                List.of(new FailureGroup("42703", "select user_name from users where id = $1", 3,
                        "ERROR: column \"user_name\" does not exist")),
                1.2, 4.5, 6.0, 20.0, 1, 3.0, false, false, null);
        Timeline tl = new Timeline(
                List.of(new StatementSpan(file, 1, sql, 500, 504, null)),
                List.of(new LockHold("public.users", "AccessExclusiveLock", 500, 504, file, 1)),
                List.of(new LockWait(101, "v1", "public.users", "RowExclusiveLock", List.of(MIGRATION_PID), true,
                        501, 504, "update users set user_name = $1 where id = $2")),
                List.of(new LoadPoint("v1", 500, 5, 0, 1.1, 3.9), new LoadPoint("v1", 1000, 2, 3, 1.3, 4.5)));
        InvariantResult inv = new InvariantResult("emails_are_lowercase", 1, List.of(row("id", 7, "email", "Ann@x.org")),
                1000);
        TransitionResult t = new TransitionResult("V2__rename_user_name under [v1]", file, TransitionKind.MIGRATE,
                List.of("v1"), List.of(), Verdict.UNSAFE, List.of(failed, strong), Map.of("v1", v1), List.of(inv),
                0, 1000, tl, 5.4, tl.lockWaits().size(), 0, List.of());
        return new RunResult("RenameUserNameTest", "17.11", 17, "embedded", 42L, Verdict.UNSAFE, List.of(t), STARTED,
                List.of(), new Baseline(1, true, "zd_seed_5b0e19c4a7d2f38e6a91c0d4b7e2f513", false, 38));
    }

    /**
     * Two index builds judged on their predictions, as {@code PredictionRules} writes them: one on a table
     * big in the profile (an error, predicted at 58,000,000 rows), one on a table tiny there (a warning).
     */
    static RunResult predicted() {
        String file = "V2__indexes.sql";
        String big = "create index orders_customer_idx on orders (customer_id)";
        String tiny = "create index countries_name_idx on countries (name)";
        MigrationStep step = new MigrationStep("2", "indexes", file, file, List.of(
                new SqlStatement("set lock_timeout = '1s'", 1, true, List.of()), new SqlStatement(big, 2, true, List.of()),
                new SqlStatement(tiny, 3, true, List.of())), true);
        Target orders = new Target(step, 1, "public", "orders", true);
        Target countries = new Target(step, 2, "public", "countries", true);
        Duration limit = Duration.ofMillis(100);
        Map<Target, Prediction> predictions = Map.of(
                orders, Predictions.of(orders, List.of(new Prediction.Point(2_000, 0.7), new Prediction.Point(6_667, 4.2),
                        new Prediction.Point(20_000, 11)), 58_000_000, limit),
                countries, Predictions.of(countries, List.of(new Prediction.Point(1, 0.31), new Prediction.Point(1, 0.28),
                        new Prediction.Point(1, 0.3)), 40, limit));
        String recipe = "CREATE INDEX CONCURRENTLY in its own migration with executeInTransaction=false.";
        List<Hazard> hazards = List.of(
                hazard(HazardId.NON_CONCURRENT_INDEX, Severity.ERROR, "public.orders_customer_idx", file, 2, big,
                        file + ":2 built index public.orders_customer_idx on public.orders without CONCURRENTLY, holding"
                                + " SHARE on the table (blocks writes).", "ShareLock on public.orders held 12 ms", recipe,
                        410),
                hazard(HazardId.NON_CONCURRENT_INDEX, Severity.ERROR, "public.countries_name_idx", file, 3, tiny,
                        file + ":3 built index public.countries_name_idx on public.countries without CONCURRENTLY,"
                                + " holding SHARE on the table (blocks writes).", "ShareLock on public.countries held 1 ms",
                        recipe, 423));
        Timeline tl = new Timeline(List.of(new StatementSpan(file, 2, big, 410, 422, null),
                new StatementSpan(file, 3, tiny, 423, 424, null)),
                List.of(new LockHold("public.orders", "ShareLock", 410, 424, file, 2),
                        new LockHold("public.countries", "ShareLock", 423, 424, file, 3)), List.of(),
                load("v1", 0, 1_000, at -> 0, at -> false));
        TransitionResult measured = new TransitionResult("V2__indexes under [v1]", file, TransitionKind.MIGRATE,
                List.of("v1"), List.of(), Verdict.UNSAFE, hazards,
                Map.of("v1", stats("v1", 400, 0, Map.of(), List.of(), 0.9, 3.1, 14, 400, 0, 0)), List.of(), 0, 1_000, tl);
        TransitionResult judged = PredictionRules.apply(measured, predictions, Map.of(), limit, Severities.defaults());
        return new RunResult("PredictedIndexTest", "17.11", 17, "embedded", 42L, judged.verdict(), List.of(judged),
                STARTED);
    }

    /** The reason the engine gives the transitions after {@link #stopped()}'s failed step. */
    static final String STOPPED_REASON = "V3__add_email_check.sql failed (migration-failed): the rollout stops at a"
            + " failed step (the release is stuck); fix it and run again";

    /** An expand step, then a step that fails (23514): the deploy and the contract after it never ran. */
    static RunResult stopped() {
        String file = "V3__add_email_check.sql";
        String sql = "alter table users add constraint email_lower check (email = lower(email))";
        String error = "23514 check constraint \"email_lower\" of relation \"users\" is violated by some row";
        Timeline tl = new Timeline(List.of(new StatementSpan(file, 2, sql, 2_100, 2_220, error)),
                List.of(new LockHold("public.users", "AccessExclusiveLock", 2_100, 2_220, file, 2)), List.of(),
                load("v1", 2_000, 4_000, at -> 0, at -> false));
        Hazard failed = hazard(HazardId.MIGRATION_FAILED, Severity.ERROR, "public.users", file, 2, sql,
                "The statement failed: " + error + ".", "SQLState 23514 after 120 ms",
                "Add the constraint NOT VALID, fix the rows, then VALIDATE CONSTRAINT in a later step.", 2_220);
        VersionStats v1 = stats("v1", 800, 0, Map.of(), List.of(), 1.1, 3.9, 6.2, 400, 0, 0);
        TransitionResult check = new TransitionResult("V3__add_email_check under [v1]", file, TransitionKind.MIGRATE,
                List.of("v1"), List.of(), Verdict.UNSAFE, List.of(failed), Map.of("v1", v1), List.of(), 2_000, 4_000,
                tl);
        return new RunResult("StuckRolloutTest", "17.11", 17, "embedded", 42L, Verdict.UNSAFE,
                List.of(addNickname(), check), STARTED, List.of(
                        new NotRunTransition("deploy v2 under [v1, v2]", null, TransitionKind.DEPLOY,
                                List.of("v1", "v2"), List.of(), STOPPED_REASON),
                        new NotRunTransition("V4__drop_legacy_flags under [v2]", "V4__drop_legacy_flags.sql",
                                TransitionKind.CONTRACT, List.of("v2"), List.of(), STOPPED_REASON)));
    }

    // ---- unsafe run -------------------------------------------------------------------------

    private static TransitionResult blockingIndex() {
        String file = "V2__index_users_email.sql";
        String sql = "create index users_email_idx on users (email)";
        long s = 400;
        long e = 2_300;
        List<LockWait> waits = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            long ws = s + 60 + i * 170L;
            waits.add(new LockWait(101 + i % 4, "v1", "public.users", "RowExclusiveLock", List.of(MIGRATION_PID),
                    true, ws, e + 3, "update users set last_seen = now() where id = $1"));
        }
        waits.add(new LockWait(207, "reporting-job", "public.users", "ShareRowExclusiveLock",
                List.of(MIGRATION_PID, 101), true, 1_200, e + 5, "lock table users in share row exclusive mode"));
        Timeline tl = new Timeline(List.of(new StatementSpan(file, 2, sql, s, e, null)),
                List.of(new LockHold("public.users", "ShareLock", s, e, file, 2)), waits,
                load("v1", 0, 3_200, at -> 0, at -> at > s && at <= e + 250));
        List<Hazard> hazards = List.of(
                hazard(HazardId.NON_CONCURRENT_INDEX, Severity.ERROR, "public.users", file, 2, sql,
                        "Index users_email_idx on pre-existing public.users was built without CONCURRENTLY.",
                        "ShareLock on public.users held 1.90 s (120,000 rows) while writes waited",
                        "CREATE INDEX CONCURRENTLY users_email_idx ON users (email); in its own migration with "
                                + "executeInTransaction=false, and drop an INVALID leftover before retrying.", s),
                hazard(HazardId.BLOCKED_REQUESTS, Severity.ERROR, "public.users", file, 2, sql,
                        "37 requests of v1 waited on the migration's ShareLock on public.users, up to 1,843 ms.",
                        "RowExclusiveLock waits behind pid " + MIGRATION_PID + " (CREATE INDEX): 37 requests, "
                                + "max 1,843 ms > maxLockWait 100ms",
                        "Build the index CONCURRENTLY; keep any strong lock under maxLockWait.", e),
                hazard(HazardId.MISSING_LOCK_TIMEOUT, Severity.ERROR, "public.users", file, 2, sql,
                        "ShareLock on public.users was requested with lock_timeout unset.",
                        "lock_timeout = 0 on the migration connection",
                        "SET lock_timeout = '2s' at the top of the migration and retry the step on 55P03.", s));
        VersionStats v1 = stats("v1", 880, 0, Map.of(), List.of(), 2.1, 1_840, 1_851, 275, 37, 1_843);
        return new TransitionResult("V2__index_users_email under [v1]", file, TransitionKind.MIGRATE, List.of("v1"),
                List.of(), Verdict.UNSAFE, hazards, Map.of("v1", v1), List.of(), 0, 3_200, tl);
    }

    private static TransitionResult rename(String comment) {
        String file = "V3__rename_user_name.sql";
        String sql = comment + "alter table users rename column user_name to full_name";
        long s = 3_400;
        Timeline tl = new Timeline(List.of(new StatementSpan(file, comment.isEmpty() ? 1 : 2, sql, s, s + 12, null)),
                List.of(new LockHold("public.users", "AccessExclusiveLock", s, s + 12, file, 1)),
                List.of(new LockWait(102, "v1", "public.users", "AccessShareLock", List.of(MIGRATION_PID), true,
                        s + 2, s + 12, "select id, user_name from users where id = $1")),
                load("v1", 3_200, 6_000, at -> at > s + 12 ? 11 : 0, at -> false));
        String msg = "column \"user_name\" does not exist";
        List<Hazard> hazards = List.of(
                hazard(HazardId.BACKWARD_INCOMPATIBLE, Severity.ERROR, "public.users", file, 1, sql,
                        "Column public.users.user_name was renamed while v1 still uses it.",
                        "v1 failed 612 requests with 42703 " + msg + " right after the statement",
                        "Do not rename in place: add full_name, dual-write from v2, backfill in batches, switch "
                                + "reads, and drop user_name in a contract step once no live version uses it.", s + 12),
                hazard(HazardId.FAILED_REQUESTS, Severity.ERROR, "public.users", file, 1, sql,
                        "v1: 612 of 1,304 requests failed during the transition.",
                        "42703 " + msg + " (612x)",
                        "Keep every live version's statements valid on the new schema (expand/contract).", s + 30),
                hazard(HazardId.STRONG_LOCK, Severity.WARNING, "public.users", file, 1, sql,
                        "AccessExclusiveLock on public.users for 12 ms.",
                        "AccessExclusiveLock held 12 ms; 1 read waited 10 ms",
                        "Keep the lock brief and set lock_timeout so a long queue cannot form.", s));
        VersionStats v1 = stats("v1", 1_304, 612, Map.of("42703", 612L), List.of(
                        new FailureGroup("42703", "select id, user_name from users where id = $1", 402,
                                "ERROR: " + msg + "\n  Position: 12"),
                        new FailureGroup("42703", "update users set user_name = $1 where id = $2", 210,
                                "ERROR: " + msg + "\n  Position: 18")),
                1.4, 6.8, 14.2, 466, 1, 10);
        return new TransitionResult("V3__rename_user_name under [v1]", file, TransitionKind.MIGRATE, List.of("v1"),
                List.of(), Verdict.UNSAFE, hazards, Map.of("v1", v1), List.of(), 3_200, 6_000, tl, 34.2,
                tl.lockWaits().size() - 1, 1, TransitionJudge.samplerWarnings(34.2, true, 1));
    }

    private static TransitionResult deployV2() {
        List<LoadPoint> load = new ArrayList<>(load("v1", 6_000, 8_500, at -> 11, at -> false));
        load.addAll(load("v2", 6_000, 8_500, at -> 0, at -> false));
        Timeline tl = new Timeline(List.of(), List.of(), List.of(), load);
        List<Hazard> hazards = List.of(
                hazard(HazardId.FAILED_REQUESTS, Severity.ERROR, null, null, null, null,
                        "v1: 560 of 1,120 requests failed during the transition.",
                        "42703 column \"user_name\" does not exist (560x)",
                        "Keep every live version's statements valid on the new schema (expand/contract).", 6_050),
                hazard(HazardId.INVARIANT_VIOLATED, Severity.ERROR, null, "invariants.sql", 4,
                        "select id, email from users where full_name is null",
                        "Invariant every_user_has_full_name returned 3 rows.",
                        "3 rows, e.g. id=7, email=ann@example.com",
                        "Write full_name from every live version (dual write) before relying on it.", 8_400));
        VersionStats v1 = stats("v1", 1_120, 560, Map.of("42703", 560L), List.of(
                new FailureGroup("42703", "select id, user_name from users where id = $1", 560,
                        "ERROR: column \"user_name\" does not exist")), 1.3, 5.9, 12.0, 448, 0, 0);
        VersionStats v2 = stats("v2", 1_090, 0, Map.of(), List.of(), 1.5, 7.2, 15.5, 436, 0, 0);
        InvariantResult inv = new InvariantResult("every_user_has_full_name", 3, List.of(
                row("id", 7, "email", "ann@example.com"), row("id", 19, "email", "bo@example.com"),
                row("id", 23, "email", "cy@example.com")), 8_400);
        return new TransitionResult("deploy v2 under [v1, v2]", null, TransitionKind.DEPLOY, List.of("v1", "v2"),
                List.of(), Verdict.UNSAFE, hazards, Map.of("v1", v1, "v2", v2), List.of(inv), 6_000, 8_500, tl);
    }

    private static TransitionResult dropLegacyFlags() {
        String file = "V4__drop_legacy_flags.sql";
        String sql = "alter table users drop column legacy_flags";
        long s = 8_700;
        Timeline tl = new Timeline(List.of(new StatementSpan(file, 2, "set lock_timeout = '2s'", s - 5, s - 4, null),
                new StatementSpan(file, 3, sql, s, s + 6, null)),
                List.of(new LockHold("public.users", "AccessExclusiveLock", s, s + 6, file, 3)), List.of(),
                load("v2", 8_500, 10_500, at -> 0, at -> false));
        Hazard destructive = hazard(HazardId.DESTRUCTIVE, Severity.WARNING, "public.users", file, 3, sql,
                "Column public.users.legacy_flags was dropped.", "data of 120,000 rows removed",
                "Drop only in a contract step, after every version that reads the column is retired.", s)
                .acknowledge("v1 is retired; nothing reads legacy_flags since V1.4");
        VersionStats v2 = stats("v2", 800, 0, Map.of(), List.of(), 1.2, 4.4, 8.1, 400, 0, 0);
        return new TransitionResult("V4__drop_legacy_flags under [v2]", file, TransitionKind.CONTRACT, List.of("v2"),
                List.of(), Verdict.SAFE, List.of(destructive), Map.of("v2", v2), List.of(), 8_500, 10_500, tl);
    }

    // ---- safe run ---------------------------------------------------------------------------

    private static TransitionResult addNickname() {
        String file = "V2__add_nickname.sql";
        Timeline tl = new Timeline(List.of(new StatementSpan(file, 1, "set lock_timeout = '2s'", 300, 301, null),
                new StatementSpan(file, 2, "alter table users add column nickname text", 302, 306, null)),
                List.of(new LockHold("public.users", "AccessExclusiveLock", 302, 306, file, 2)), List.of(),
                load("v1", 0, 2_000, at -> 0, at -> false));
        VersionStats v1 = stats("v1", 800, 0, Map.of(), List.of(), 1.1, 3.9, 6.2, 400, 0, 0);
        return new TransitionResult("V2__add_nickname under [v1]", file, TransitionKind.MIGRATE, List.of("v1"),
                List.of(), Verdict.SAFE, List.of(), Map.of("v1", v1), List.of(), 0, 2_000, tl);
    }

    private static TransitionResult deployNicknameV2() {
        List<LoadPoint> load = new ArrayList<>(load("v1", 2_000, 4_000, at -> 0, at -> false));
        load.addAll(load("v2", 2_000, 4_000, at -> 0, at -> false));
        VersionStats v1 = stats("v1", 790, 0, Map.of(), List.of(), 1.1, 3.7, 6.0, 395, 0, 0);
        VersionStats v2 = stats("v2", 805, 0, Map.of(), List.of(), 1.2, 4.1, 7.3, 402, 0, 0);
        InvariantResult inv = new InvariantResult("nickname_not_blank", 0, List.of(), 3_990);
        return new TransitionResult("deploy v2 under [v1, v2]", null, TransitionKind.DEPLOY, List.of("v1", "v2"),
                List.of(), Verdict.SAFE, List.of(), Map.of("v1", v1, "v2", v2), List.of(inv), 2_000, 4_000,
                new Timeline(List.of(), List.of(), List.of(), load));
    }

    private static TransitionResult indexNickname() {
        String file = "V3__index_nickname.sql";
        String sql = "create index concurrently users_nickname_idx on users (nickname)";
        Timeline tl = new Timeline(List.of(new StatementSpan(file, 1, sql, 4_200, 5_400, null)),
                List.of(new LockHold("public.users", "ShareUpdateExclusiveLock", 4_200, 5_400, file, 1)), List.of(),
                load("v2", 4_000, 6_000, at -> 0, at -> false));
        VersionStats v2 = stats("v2", 810, 0, Map.of(), List.of(), 1.2, 4.3, 7.9, 405, 0, 0);
        return new TransitionResult("V3__index_nickname under [v2]", file, TransitionKind.MIGRATE, List.of("v2"),
                List.of(), Verdict.SAFE, List.of(), Map.of("v2", v2), List.of(), 4_000, 6_000, tl);
    }

    // ---- helpers ----------------------------------------------------------------------------

    static Hazard hazard(HazardId id, Severity severity, String relation, String file, Integer line, String sql,
                         String message, String evidence, String recipe, long atMs) {
        return new Hazard(id, severity, relation, file, line, sql, message, evidence, recipe, false, null, atMs);
    }

    private static VersionStats stats(String version, long total, long failed, Map<String, Long> bySqlState,
                                      List<FailureGroup> failures, double p50, double p99, double max,
                                      double throughput, long waits, double maxWait) {
        return new VersionStats(version, total, total - failed, failed, 0, bySqlState, failures, p50, p99, max,
                throughput, waits, maxWait, false, false, null);
    }

    /** One point every 250 ms; {@code failedAt} gives failures per interval, {@code slowAt} marks waiting intervals. */
    private static List<LoadPoint> load(String version, long from, long to, java.util.function.LongUnaryOperator failedAt,
                                        LongPredicate slowAt) {
        List<LoadPoint> points = new ArrayList<>();
        int salt = version.hashCode() & 7;
        for (long at = from + 250; at <= to; at += 250) {
            long failed = failedAt.applyAsLong(at);
            boolean slow = slowAt.test(at);
            long ok = (slow ? 40 : 100 + (at / 250 + salt) % 9) - failed;
            double p50 = 1.0 + ((at / 250 + salt) % 5) * 0.15;
            double p99 = slow ? 900 + (at % 1000) : 3.5 + ((at / 250 + salt) % 7) * 0.6;
            points.add(new LoadPoint(version, at, ok, failed, p50, p99));
        }
        return points;
    }

    static Map<String, Object> row(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }
}
