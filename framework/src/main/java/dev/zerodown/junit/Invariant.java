package dev.zerodown.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * A static {@code String} field or no-argument static method returning {@code String}: a SQL query
 * that must return zero rows while it is active (from {@code from} applied until {@code until} applied).
 */
@API(status = API.Status.STABLE)
@Target({ElementType.FIELD, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Invariant {
    /** Defaults to the field or method name. */
    String name() default "";

    /** Active from the state after this step; empty = from the baseline. */
    String from() default "";

    /** Inactive once this step is applied; empty = to the end. */
    String until() default "";
}
