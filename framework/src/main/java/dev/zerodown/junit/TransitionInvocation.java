package dev.zerodown.junit;

import java.util.List;
import dev.zerodown.engine.CompatibilityRun;
import dev.zerodown.report.FailureMessage;
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
    private final int index;
    private final String displayName;
    private final boolean defaultChecks;

    TransitionInvocation(ClassRun run, int major, int index, String displayName, boolean defaultChecks) {
        this.run = run;
        this.major = major;
        this.index = index;
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

    private TransitionResult transition(RunResult r) {
        if (index >= r.transitions().size()) {
            int n = index - r.transitions().size();
            String reason = n < r.notRun().size() ? r.notRun().get(n).reason()
                    : "an earlier step of this rollout failed (the release is stuck there)";
            throw new TestAbortedException("not run on PostgreSQL " + major + ": " + reason);
        }
        return r.transitions().get(index);
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
