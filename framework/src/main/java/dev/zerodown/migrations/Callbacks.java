package dev.zerodown.migrations;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The SQL callbacks of the migrations locations ({@code beforeMigrate.sql}, {@code afterEachMigrate__grants.sql}),
 * in the order Flyway runs the callbacks of one event: the one without a description first, then by description.
 *
 * @param all every callback found, events in declaration order of {@link CallbackEvent}
 */
@API(status = API.Status.EXPERIMENTAL)
public record Callbacks(List<Callback> all) {
    /** No callbacks. */
    public static final Callbacks NONE = new Callbacks(List.of());

    public Callbacks {
        List<Callback> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparing(Callback::event)
                .thenComparing(Callback::description, Comparator.nullsFirst(Comparator.naturalOrder())));
        all = List.copyOf(sorted);
    }

    /** The callbacks of one event, in the order Flyway runs them. */
    public List<Callback> of(CallbackEvent event) {
        return all.stream().filter(c -> c.event() == event).toList();
    }

    public boolean isEmpty() {
        return all.isEmpty();
    }

    /**
     * One callback script.
     *
     * @param event       when it runs
     * @param description the part after {@code __}, underscores as spaces; null for {@code beforeMigrate.sql}
     * @param script      its statements, read like a migration ({@code .sql.conf}, placeholders, Flyway's splitter)
     */
    public record Callback(CallbackEvent event, String description, MigrationStep script) {
        /** The file as messages show it. */
        public String location() {
            return script.location();
        }
    }
}
