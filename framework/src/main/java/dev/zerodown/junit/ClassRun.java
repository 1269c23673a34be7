package dev.zerodown.junit;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.zerodown.config.ConfigurationException;
import dev.zerodown.config.ConfigurationProblems;
import dev.zerodown.settings.Setting;
import dev.zerodown.settings.Settings;
import dev.zerodown.engine.WorkloadApps;
import dev.zerodown.engine.CompatibilityRun;
import dev.zerodown.plan.Rollout;
import dev.zerodown.plan.RolloutPlan;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/** One test class's configured run: validated plan up front, each major run once, on first demand. */
final class ClassRun {
    private final CompatibilityRun run;
    private final RolloutPlan plan;
    private final Map<Integer, Object> outcomes = new HashMap<>();

    private ClassRun(CompatibilityRun run, RolloutPlan plan) {
        this.run = run;
        this.plan = plan;
    }

    static ClassRun of(Class<?> testClass) {
        MigrationCompatibility config = AnnotationSupport.findAnnotation(testClass, MigrationCompatibility.class)
                .orElseThrow(() -> new ConfigurationException("@MigrationCompatibility is missing"));
        ConfigurationProblems problems = new ConfigurationProblems();
        Settings settings = problems.apply(Settings.defaults(), d -> d.withProperties(System.getProperties()));
        Map<String, String> attributes = attributes(config);
        settings = problems.apply(settings, s -> s.with(attributes));
        Setting.all().stream().filter(s -> System.getProperty(s.property()) != null).map(Setting::notReadByJUnit)
                .filter(java.util.Objects::nonNull).forEach(problems::add);
        String workloads = settings.workloads();
        problems.run(() -> WorkloadApps.folder(workloads, attributes.containsKey("workloads")
                || System.getProperty(Setting.WORKLOADS.property()) != null));
        Rollout rollout = problems.get(() -> rollout(testClass));
        List<dev.zerodown.invariants.Invariant> invariants = problems.get(() -> Invariants.of(testClass));
        problems.throwIfAny();
        CompatibilityRun run = CompatibilityRun.of(testClass.getSimpleName(), rollout)
                .settings(settings)
                .invariants(invariants)
                .classLoader(testClass.getClassLoader());
        return new ClassRun(run, run.plan());
    }

    RolloutPlan plan() {
        return plan;
    }

    List<Integer> majors() {
        return run.settings().postgresVersions();
    }

    /** Runs the rollout on this major once; later calls return the same outcome (or rethrow the same error). */
    synchronized CompatibilityRun.RunOutcome outcome(int major) {
        Object o = outcomes.computeIfAbsent(major, m -> {
            try {
                return run.run(m);
            } catch (RuntimeException e) {
                return e;
            }
        });
        if (o instanceof RuntimeException e) {
            throw e;
        }
        return (CompatibilityRun.RunOutcome) o;
    }

    synchronized boolean hasRun(int major) {
        return outcomes.containsKey(major);
    }

    private static Rollout rollout(Class<?> testClass) {
        List<Method> methods = AnnotationSupport.findAnnotatedMethods(testClass, MigrationCompatibility.Rollout.class,
                HierarchyTraversalMode.TOP_DOWN);
        if (methods.size() != 1) {
            throw new ConfigurationException((methods.isEmpty() ? "no" : methods.size())
                    + " @MigrationCompatibility.Rollout method found; declare exactly one:"
                    + " @MigrationCompatibility.Rollout static Rollout rollout() { return Rollout.startWith(\"v1\", AppV1::new).migrate(\"V2\"); }");
        }
        Method m = methods.get(0);
        if (!Modifier.isStatic(m.getModifiers()) || m.getParameterCount() != 0 || !Rollout.class.equals(m.getReturnType())) {
            throw new ConfigurationException("@MigrationCompatibility.Rollout method " + m.getName()
                    + " must be static, take no parameter and return dev.zerodown.plan.Rollout");
        }
        Object r = ReflectionSupport.invokeMethod(m, null);
        if (r == null) {
            throw new ConfigurationException("@MigrationCompatibility.Rollout method " + m.getName() + " returned null");
        }
        return (Rollout) r;
    }

    private static Map<String, String> attributes(MigrationCompatibility c) {
        Map<String, String> m = new LinkedHashMap<>();
        put(m, "provider", c.provider());
        put(m, "postgresVersions", c.postgresVersions());
        put(m, "jdbcUrl", c.jdbcUrl());
        put(m, "allowExternal", c.allowExternal());
        put(m, "flywayTable", c.flywayTable());
        put(m, "image", c.image());
        put(m, "dataDirectory", c.dataDirectory());
        put(m, "cloneStrategy", c.cloneStrategy());
        put(m, "migrations", c.migrations());
        put(m, "migrationsFormat", c.migrationsFormat());
        put(m, "liquibaseContexts", c.liquibaseContexts());
        put(m, "liquibaseLabels", c.liquibaseLabels());
        put(m, "placeholders", String.join(",", c.placeholders()));
        put(m, "mixed", c.mixed());
        put(m, "workloads", c.workloads());
        put(m, "invariants", c.invariants());
        put(m, "initScript", c.initScript());
        put(m, "seed", c.seed());
        put(m, "since", c.since());
        put(m, "clients", c.clients());
        put(m, "rate", c.rate());
        put(m, "soak", c.soak());
        put(m, "sampleInterval", c.sampleInterval());
        put(m, "maxLockWait", c.maxLockWait());
        put(m, "batchRows", c.batchRows());
        put(m, "stepTimeout", c.stepTimeout());
        put(m, "lockTimeout", c.lockTimeout());
        put(m, "lockRetries", c.lockRetries());
        put(m, "longTransaction", c.longTransaction());
        put(m, "severities", c.severities());
        put(m, "reportDirectory", c.reportDirectory());
        put(m, "randomSeed", c.randomSeed());
        put(m, "appRole", c.appRole());
        put(m, "syntheticMix", c.syntheticMix());
        put(m, "profile", c.profile());
        put(m, "scale", c.scale());
        put(m, "maxSeedRows", c.maxSeedRows());
        put(m, "history", c.history());
        put(m, "preset", c.preset());
        put(m, "predict", c.predict());
        put(m, "seedCache", c.seedCache());
        return m;
    }

    private static void put(Map<String, String> m, String name, String value) {
        if (value != null && !value.isBlank()) {
            m.put(name, value);
        }
    }

    /** Reads @Invariant fields and methods. */
    static final class Invariants {
        private Invariants() {
        }

        static List<dev.zerodown.invariants.Invariant> of(Class<?> testClass) {
            List<dev.zerodown.invariants.Invariant> out = new ArrayList<>();
            for (Field f : AnnotationSupport.findAnnotatedFields(testClass, Invariant.class)) {
                requireStaticString(f.getModifiers(), f.getType(), testClass, f.getName());
                Object sql = ReflectionSupport.tryToReadFieldValue(f, null).toOptional().orElse(null);
                out.add(invariant(f.getAnnotation(Invariant.class), f.getName(), (String) sql, testClass));
            }
            for (Method m : AnnotationSupport.findAnnotatedMethods(testClass, Invariant.class, HierarchyTraversalMode.TOP_DOWN)) {
                requireStaticString(m.getModifiers(), m.getReturnType(), testClass, m.getName() + "()");
                if (m.getParameterCount() != 0) {
                    throw new ConfigurationException(testClass.getSimpleName() + "." + m.getName()
                            + "(): an @Invariant method takes no parameter");
                }
                out.add(invariant(m.getAnnotation(Invariant.class), m.getName(),
                        (String) ReflectionSupport.invokeMethod(m, null), testClass));
            }
            return out;
        }

        private static void requireStaticString(int mods, Class<?> type, Class<?> c, String member) {
            if (!Modifier.isStatic(mods) || !String.class.equals(type)) {
                throw new ConfigurationException(c.getSimpleName() + "." + member
                        + ": an @Invariant must be a static String field or a static method returning String");
            }
        }

        private static dev.zerodown.invariants.Invariant invariant(Invariant a, String member, String sql, Class<?> c) {
            if (sql == null || sql.isBlank()) {
                throw new ConfigurationException(c.getSimpleName() + "." + member + ": the @Invariant query is empty");
            }
            String name = a.name().isBlank() ? member : a.name();
            return new dev.zerodown.invariants.Invariant(name, sql, a.from().isBlank() ? null : a.from(),
                    a.until().isBlank() ? null : a.until(), c.getSimpleName() + "." + member);
        }
    }
}
