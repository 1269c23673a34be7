package dev.zerodown.junit;

import java.util.List;
import dev.zerodown.engine.CompatibilityRun;
import dev.zerodown.report.FailureMessage;
import dev.zerodown.result.NotRunTransition;
import dev.zerodown.result.RunResult;
import dev.zerodown.result.TransitionResult;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** One transition on one major: resolves its result and applies the default checks first. */
final class TransitionInvocation implements TestTemplateInvocationContext {
    private final ClassRun run;
    private final int major;
    private final String name;
    private final String displayName;
    private final boolean defaultChecks;

    /** @param name the planned transition's name ({@code V3__backfill under [v2]}) */
    TransitionInvocation(ClassRun run, int major, String name, String displayName, boolean defaultChecks) {
        this.run = run;
        this.major = major;
        this.name = name;
        this.displayName = displayName;
        this.defaultChecks = defaultChecks;
    }

    @Override
    public String getDisplayName(int invocationIndex) {
        return displayName;
    }

    @Override
    public List<Extension> getAdditionalExtensions() {
        return List.of(new Resolver(), (BeforeTestExecutionCallback) this::beforeTestExecution);
    }

    private void beforeTestExecution(ExtensionContext context) {
        boolean first = !run.hasRun(major);
        CompatibilityRun.RunOutcome outcome = run.outcome(major);
        if (first && outcome.reports() != null) {
            ReportPublisher.publish(context, outcome.reports(), major);
        }
        TransitionResult t = transition(outcome.result());
        if (defaultChecks && t.verdict() == dev.zerodown.result.Verdict.UNSAFE) {
            throw new AssertionFailedError(FailureMessage.of(t));
        }
    }

    /** This invocation's transition, by its planned name (a run may leave one out, or stop before the end). */
    private TransitionResult transition(RunResult r) {
        for (TransitionResult t : r.transitions()) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        String reason = r.notRun().stream().filter(t -> t.name().equals(name)).map(NotRunTransition::reason).findFirst()
                .orElse("an earlier step of this rollout failed (the release is stuck there)");
        throw new TestAbortedException("not run on PostgreSQL " + major + ": " + reason);
    }

    private final class Resolver implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
            Class<?> type = p.getParameter().getType();
            return type == TransitionResult.class || type == RunResult.class;
        }

        @Override
        public Object resolveParameter(ParameterContext p, ExtensionContext e) {
            RunResult r = run.outcome(major).result();
            return p.getParameter().getType() == RunResult.class ? r : transition(r);
        }
    }
}
