package dev.zerodown.migrations;

import java.util.List;
import java.util.Map;

/**
 * Run by {@link ShadedJarIT} in a JVM whose class path holds the packaged framework jar and its
 * dependencies but no Flyway and no Liquibase: loads a folder and prints every statement; then a formatted
 * SQL changelog (read without Liquibase) and the one-line error an XML changelog gives.
 */
public final class ShadedJarMain {
    private ShadedJarMain() {
    }

    public static void main(String[] args) throws Exception {
        try {
            Class.forName("org.flywaydb.core.Flyway");
            System.out.println("org.flywaydb is on the class path");
            System.exit(2);
        } catch (ClassNotFoundException expected) {
            System.out.println("no org.flywaydb on the class path");
        }
        System.out.println("splitter from " + Class.forName("dev.zerodown.sql.SqlScript")
                .getProtectionDomain().getCodeSource().getLocation().getPath().replaceAll(".*/", ""));
        List<MigrationStep> steps = new MigrationLoader().load(List.of(args[0]), Map.of("app_role", "app"), null);
        print(steps);
        if (args.length > 1) {
            try {
                Class.forName("liquibase.changelog.DatabaseChangeLog");
                System.out.println("liquibase is on the class path");
                System.exit(2);
            } catch (ClassNotFoundException expected) {
                System.out.println("no liquibase on the class path");
            }
            print(new MigrationLoader().load(MigrationsFormat.LIQUIBASE, List.of(args[1]), Map.of(), null));
            try {
                new MigrationLoader().load(MigrationsFormat.LIQUIBASE, List.of(args[2]), Map.of(), null);
                System.out.println("the XML changelog loaded without Liquibase");
            } catch (dev.zerodown.config.ConfigurationException e) {
                System.out.println(e.getMessage());
            }
        }
    }

    private static void print(List<MigrationStep> steps) {
        for (MigrationStep step : steps) {
            for (SqlStatement s : step.statements()) {
                System.out.println(step.name() + ":" + s.line() + (s.transactional() ? "" : " [non-transactional]")
                        + " " + s.summary());
            }
        }
    }
}
