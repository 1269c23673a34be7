package dev.zerodown.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;
import org.junit.jupiter.api.TestTemplate;

/**
 * Runs once per transition (and per PostgreSQL major), in rollout order. The method may take a
 * {@link dev.zerodown.result.TransitionResult} parameter to assert more.
 */
@API(status = API.Status.STABLE)
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestTemplate
public @interface TransitionTest {
    /**
     * When true (default), the default checks run before the method: no failed request, no invariant
     * discrepancy, no unacknowledged error-level hazard. Set false to assert an unsafe transition yourself.
     */
    boolean defaultChecks() default true;
}
