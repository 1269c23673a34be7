package dev.zerodown.junit;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import dev.zerodown.config.ConfigurationException;
import dev.zerodown.plan.PlannedTransition;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 shell over {@link dev.zerodown.engine.CompatibilityRun}: reads the class's configuration,
 * validates the rollout before anything starts, and turns each transition into one invocation of the
 * {@link TransitionTest} method. Stateless: the per-class run lives in the class's Store.
 */
@API(status = API.Status.INTERNAL)
public final class MigrationCompatibilityExtension implements BeforeAllCallback, TestTemplateInvocationContextProvider {
    static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(MigrationCompatibilityExtension.class);
    private static final String RUN = "run";

    @Override
    public void beforeAll(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        if (AnnotationSupport.findAnnotatedMethods(testClass, TransitionTest.class,
                org.junit.platform.commons.support.HierarchyTraversalMode.TOP_DOWN).isEmpty()) {
            throw new ExtensionConfigurationException(testClass.getSimpleName()
                    + " has a rollout but no @TransitionTest method, so nothing would be checked; add:"
                    + " @TransitionTest void eachTransition(TransitionResult result) { }");
        }
        classRun(context);
    }

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod().map(m -> m.isAnnotationPresent(TransitionTest.class)).orElse(false);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        ClassRun run = classRun(context);
        boolean defaultChecks = context.getRequiredTestMethod().getAnnotation(TransitionTest.class).defaultChecks();
        List<TestTemplateInvocationContext> out = new ArrayList<>();
        List<Integer> majors = run.majors();
        for (int major : majors) {
            List<PlannedTransition> transitions = run.plan().transitions();
            for (int i = 0; i < transitions.size(); i++) {
                String name = transitions.get(i).name();
                String display = majors.size() > 1 ? "[pg" + major + "] " + name : name;
                out.add(new TransitionInvocation(run, major, name, display, defaultChecks));
            }
        }
        return out.stream();
    }

    /** The class's run, created once per class and kept in the class-level Store. */
    static ClassRun classRun(ExtensionContext context) {
        ExtensionContext classContext = context.getTestMethod().isPresent() ? context.getParent().orElseThrow() : context;
        Class<?> testClass = classContext.getRequiredTestClass();
        return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(RUN, k -> create(testClass), ClassRun.class);
    }

    private static ClassRun create(Class<?> testClass) {
        try {
            return ClassRun.of(testClass);
        } catch (ConfigurationException e) {
            throw new ExtensionConfigurationException(testClass.getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
