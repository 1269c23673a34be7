package dev.zerodown.settings;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import dev.zerodown.config.ConfigurationException;
import org.apiguardian.api.API;

/**
 * One CI runner's slice of a check's runs (setting {@code shard}, written {@code i/n}, 1-based): the check's
 * runs, one per PostgreSQL major, sorted by their key {@code <run>/pg<major>} (the major ascending), are dealt
 * round-robin over the {@code n} shards, starting at shard {@code 1 + CRC32(run name) mod n}. Every run lands on
 * exactly one shard; a check's runs spread evenly (shards differ by one run at most); checks of one run each
 * (the modules of a reactor) start on different shards; and the same name and majors give the same slice on
 * every machine (CRC32 of the name's UTF-8 bytes, no random seed, no host state).
 *
 * @param index the shard, from 1 to {@code count}
 * @param count how many shards there are, at least 1
 */
@API(status = API.Status.EXPERIMENTAL)
public record Shard(int index, int count) {
    private static final Pattern TEXT = Pattern.compile("\\s*(\\d{1,6})\\s*/\\s*(\\d{1,6})\\s*");

    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("shard " + index + "/" + count + ": i runs from 1 to n");
        }
    }

    /**
     * {@code 2/4}; anything else is the one-line bad-value error:
     * {@code setting `shard` (property zerodown.shard): `5/4` is not a shard of 4 (i from 1 to 4); write 1/4 to 4/4}.
     */
    public static Shard parse(String text) {
        Matcher m = TEXT.matcher(text == null ? "" : text);
        if (!m.matches() || Integer.parseInt(m.group(2)) < 1) {
            throw ConfigurationException.badValue("shard", text, "a shard i/n (the i-th of n shards, i from 1 to n)",
                    "2/4 for the second of four shards");
        }
        int index = Integer.parseInt(m.group(1));
        int count = Integer.parseInt(m.group(2));
        if (index < 1 || index > count) {
            throw ConfigurationException.badValue("shard", text, "a shard of " + count + " (i from 1 to " + count + ")",
                    "1/" + count + (count == 1 ? "" : " to " + count + "/" + count));
        }
        return new Shard(index, count);
    }

    /**
     * The shard (1 to {@code count}) that takes the run at {@code position} (0-based) among the check's runs
     * sorted by key.
     */
    public static int of(String runName, int position, int count) {
        CRC32 crc = new CRC32();
        crc.update(runName.getBytes(StandardCharsets.UTF_8));
        return (int) ((crc.getValue() + position) % count) + 1;
    }

    /** The majors of this shard among the check's, ascending (the order of the keys). */
    public List<Integer> majors(String runName, List<Integer> majors) {
        List<Integer> sorted = majors.stream().distinct().sorted().toList();
        List<Integer> mine = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            if (of(runName, i, count) == index) {
                mine.add(sorted.get(i));
            }
        }
        return List.copyOf(mine);
    }

    /** {@code 2/4}. */
    @Override
    public String toString() {
        return index + "/" + count;
    }
}
