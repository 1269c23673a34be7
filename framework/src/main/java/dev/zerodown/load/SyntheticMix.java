package dev.zerodown.load;

import dev.zerodown.config.ConfigurationException;
import dev.zerodown.load.SyntheticTable.Op;
import java.util.Set;
import java.util.SplittableRandom;
import org.apiguardian.api.API;

/**
 * The weights of synthetic traffic's requests: point reads, updates, inserts and deletes of rows the
 * client inserted (setting {@code syntheticMix}, written {@code read/update/insert/delete}, default
 * {@code 70/20/7/3}). An operation a table does not get gives its turn to a read.
 */
@API(status = API.Status.STABLE)
public record SyntheticMix(int read, int update, int insert, int delete) {
    /** Reads far more than writes, as most applications do. */
    public static final SyntheticMix DEFAULT = new SyntheticMix(70, 20, 7, 3);

    public SyntheticMix {
        if (read < 0 || update < 0 || insert < 0 || delete < 0 || read + update + insert + delete == 0) {
            throw new ConfigurationException("Synthetic mix " + read + "/" + update + "/" + insert + "/" + delete
                    + " has no weight; write four whole numbers read/update/insert/delete, such as 70/20/7/3");
        }
    }

    /**
     * Parses {@code read/update/insert/delete}.
     *
     * @throws ConfigurationException naming the setting and the accepted form
     */
    public static SyntheticMix parse(String text) {
        String[] parts = text == null ? new String[0] : text.trim().split("\\s*/\\s*");
        if (parts.length != 4) {
            throw bad(text);
        }
        int[] w = new int[4];
        for (int i = 0; i < 4; i++) {
            try {
                w[i] = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                throw bad(text);
            }
            if (w[i] < 0) {
                throw bad(text);
            }
        }
        return new SyntheticMix(w[0], w[1], w[2], w[3]);
    }

    private static ConfigurationException bad(String text) {
        return new ConfigurationException("setting `syntheticMix` (property zerodown.syntheticMix): `" + text
                + "` is not a mix; write four whole numbers read/update/insert/delete, such as 70/20/7/3");
    }

    Op choose(SplittableRandom random, Set<Op> allowed, boolean hasOwnRows) {
        int total = read + update + insert + delete;
        int r = random.nextInt(total);
        Op op = r < read ? Op.READ : r < read + update ? Op.UPDATE : r < read + update + insert ? Op.INSERT : Op.DELETE;
        if (op == Op.DELETE && !hasOwnRows) {
            op = Op.INSERT;
        }
        if (!allowed.contains(op)) {
            op = allowed.contains(Op.READ) ? Op.READ : allowed.iterator().next();
        }
        return op;
    }

    @Override
    public String toString() {
        return read + "/" + update + "/" + insert + "/" + delete;
    }
}
