package dev.zerodown.load;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One table of synthetic traffic: the SQL of its point read and no-op update, and the sampled keys
 * (as text, cast back to the key columns' types in the SQL).
 */
record SyntheticTable(String name, String read, String update, String readAny, List<String[]> keys) {
    SyntheticTable {
        keys = List.copyOf(keys);
    }

    static SyntheticTable of(SyntheticWorkload.CatalogTable t, List<String[]> keys) {
        List<String> conditions = new ArrayList<>();
        for (int i = 0; i < t.keyColumns().size(); i++) {
            conditions.add(t.keyColumns().get(i) + " = ?::" + t.keyTypes().get(i));
        }
        String where = " where " + String.join(" and ", conditions);
        String first = t.keyColumns().get(0);
        return new SyntheticTable(t.qualifiedName(),
                "select * from " + t.qualifiedName() + where,
                "update " + t.qualifiedName() + " set " + first + " = " + first + where,
                "select " + t.keyColumns().stream().collect(Collectors.joining(", ")) + " from " + t.qualifiedName() + " limit 1",
                keys);
    }
}
