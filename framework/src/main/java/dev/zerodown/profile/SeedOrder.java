package dev.zerodown.profile;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import dev.zerodown.config.ConfigurationException;

/**
 * Parents before children: levels of tables whose parents are all in earlier levels (a level's
 * tables can be seeded in parallel). A cycle of foreign keys is broken at a nullable one, which then
 * stays null; a cycle of NOT NULL references cannot be seeded.
 *
 * @param levels tables by level
 * @param breaks names of the foreign keys left null to break cycles
 */
record SeedOrder(List<List<TableRows>> levels, Set<String> breaks) {

    static SeedOrder of(Map<Long, TableRows> gens) {
        Set<String> breaks = new HashSet<>();
        while (true) {
            List<List<TableRows>> levels = new ArrayList<>();
            Map<Long, TableRows> left = new LinkedHashMap<>(gens);
            while (!left.isEmpty()) {
                List<TableRows> level = new ArrayList<>();
                for (TableRows g : left.values()) {
                    boolean ready = g.table.foreignKeys.stream().noneMatch(fk -> fk.parent() != g.table.oid
                            && left.containsKey(fk.parent()) && !breaks.contains(fk.name()));
                    if (ready) {
                        level.add(g);
                    }
                }
                if (level.isEmpty()) {
                    break;
                }
                level.forEach(g -> left.remove(g.table.oid));
                levels.add(level);
            }
            if (left.isEmpty()) {
                return new SeedOrder(levels, breaks);
            }
            breaks.add(breakOne(left));
        }
    }

    private static String breakOne(Map<Long, TableRows> cycle) {
        for (TableRows g : cycle.values()) {
            for (SeedCatalog.ForeignKey fk : g.table.foreignKeys) {
                boolean nullable = fk.columns().stream().noneMatch(c -> g.table.columns.get(c).notNull());
                if (nullable && cycle.containsKey(fk.parent()) && fk.parent() != g.table.oid) {
                    return fk.name();
                }
            }
        }
        throw new ConfigurationException("Cannot seed " + String.join(", ", cycle.values().stream().map(g -> g.table.qualified()).toList())
                + " from the profile: their NOT NULL foreign keys form a cycle; seed them in seed.sql and drop them from profile.json");
    }
}
