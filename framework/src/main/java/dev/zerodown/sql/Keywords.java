package dev.zerodown.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apiguardian.api.API;

/**
 * A statement's leading tokens, the way the rules that classify statements read them: words upper-cased,
 * quoted identifiers as {@code "}, strings as {@code '}, symbols as themselves; comments left out.
 */
@API(status = API.Status.INTERNAL)
public final class Keywords {
    private Keywords() {
    }

    /** The first {@code max} tokens of {@code sql}. */
    public static List<String> head(String sql, int max) {
        List<String> out = new ArrayList<>();
        for (SqlLexer.Token t : SqlLexer.tokens(sql)) {
            if (out.size() == max) {
                break;
            }
            switch (t.kind()) {
                case WORD -> out.add(sql.substring(t.start(), t.end()).toUpperCase(Locale.ROOT));
                case SYMBOL -> out.add(sql.substring(t.start(), t.end()));
                case STRING -> out.add("'");
                case QUOTED_IDENTIFIER -> out.add("\"");
                default -> {
                    // comments carry no meaning here
                }
            }
        }
        return out;
    }

    /** Whether {@code head} begins with {@code words}, in order. */
    public static boolean startsWith(List<String> head, String... words) {
        if (head.size() < words.length) {
            return false;
        }
        for (int i = 0; i < words.length; i++) {
            if (!head.get(i).equals(words[i])) {
                return false;
            }
        }
        return true;
    }
}
