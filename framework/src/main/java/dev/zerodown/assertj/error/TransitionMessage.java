package dev.zerodown.assertj.error;

import java.util.List;
import java.util.stream.Collectors;
import dev.zerodown.result.Hazard;
import org.apiguardian.api.API;
import org.assertj.core.error.BasicErrorMessageFactory;

/**
 * A failure message of {@code TransitionResultAssert}, one subclass per failure kind (AssertJ's
 * {@code Should…} pattern). The text is built in full by the factory, so values are shown as they
 * are (no quoting by AssertJ's representation).
 */
@API(status = API.Status.INTERNAL)
public abstract class TransitionMessage extends BasicErrorMessageFactory {
    static final String NL = System.lineSeparator();

    TransitionMessage(String message) {
        super(message); // no arguments: AssertJ uses the text as it is, a % in SQL included
    }

    /** The distinct hazard ids, in order: {@code [strong-lock, blocked-requests]}. */
    static String ids(List<Hazard> hazards) {
        return hazards.stream().map(h -> h.id().id()).distinct().toList().toString();
    }

    /** One indented line per hazard: id, where, message and evidence. */
    static String describe(List<Hazard> hazards) {
        return hazards.stream().map(h -> "  " + h.id() + (h.where().isEmpty() ? "" : " at " + h.where()) + ": "
                        + h.message() + (h.evidence() == null ? "" : " [" + h.evidence() + "]"))
                .collect(Collectors.joining(NL));
    }
}
