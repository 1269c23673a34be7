package dev.zerodown.migrations;

/**
 * The contexts and labels a Liquibase {@code update} is run with (settings {@code liquibaseContexts} and
 * {@code liquibaseLabels}), in Liquibase's own syntax: {@code prod, eu} or {@code !test and (eu or us)}.
 * Null when not given: as in Liquibase, every changeset then runs whatever its {@code context} and
 * {@code labels} say.
 */
record LiquibaseFilter(String contexts, String labels) {
    static final LiquibaseFilter NONE = new LiquibaseFilter(null, null);

    LiquibaseFilter {
        contexts = contexts == null || contexts.isBlank() ? null : contexts.strip();
        labels = labels == null || labels.isBlank() ? null : labels.strip();
    }

    boolean given() {
        return contexts != null || labels != null;
    }

    /** For messages: {@code contexts 'prod', labels 'eu'}. */
    String describe() {
        return "liquibaseContexts " + (contexts == null ? "unset" : "'" + contexts + "'")
                + ", liquibaseLabels " + (labels == null ? "unset" : "'" + labels + "'");
    }
}
