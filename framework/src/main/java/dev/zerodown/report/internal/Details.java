package dev.zerodown.report.internal;

import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apiguardian.api.API;

/**
 * The details the HTML report shows on hover or click, collected while the page is written and embedded
 * once as JSON. Each element that has details carries {@code data-d="<index>"}.
 */
@API(status = API.Status.INTERNAL)
public final class Details {
    private final ArrayNode entries = JsonNodeFactory.instance.arrayNode();

    /** Starts an entry; call {@link Entry#add()} to store it and get its index. */
    public Entry entry(String kind, String title) {
        return new Entry(kind, title);
    }

    /** The JSON for the page's {@code <script type="application/json">}, escaped for it. */
    public String scriptJson() {
        return Json.forScript(entries);
    }

    public int size() {
        return entries.size();
    }

    /** One hover/click entry: a kind, a title, label/value fields, optional code and a sample table. */
    public final class Entry {
        private final ObjectNode node = JsonNodeFactory.instance.objectNode();
        private final ArrayNode fields;

        private Entry(String kind, String title) {
            node.put("k", kind);
            node.put("t", title);
            fields = node.putArray("f");
        }

        public Entry field(String label, Object value) {
            if (value != null && !String.valueOf(value).isEmpty()) {
                ArrayNode f = fields.addArray();
                f.add(label);
                f.add(String.valueOf(value));
            }
            return this;
        }

        public Entry code(String text) {
            if (text != null && !text.isBlank()) {
                node.put("c", text);
            }
            return this;
        }

        /** A table of rows (column name to value); the columns are those of the first row. */
        public Entry table(String caption, List<Map<String, Object>> rows) {
            if (rows.isEmpty()) {
                return this;
            }
            ObjectNode s = node.putObject("s");
            s.put("cap", caption);
            ArrayNode head = s.putArray("h");
            List<String> columns = List.copyOf(rows.get(0).keySet());
            columns.forEach(head::add);
            ArrayNode body = s.putArray("r");
            for (Map<String, Object> row : rows) {
                ArrayNode r = body.addArray();
                columns.forEach(c -> r.add(row.get(c) == null ? "null" : String.valueOf(row.get(c))));
            }
            return this;
        }

        public int add() {
            entries.add(node);
            return entries.size() - 1;
        }
    }
}
