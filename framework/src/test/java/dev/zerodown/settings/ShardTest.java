package dev.zerodown.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Shard selection is a partition of a check's runs, balanced, and the same on every machine. */
class ShardTest {
    private static final List<Integer> MAJORS = List.of(13, 14, 15, 16, 17, 18);
    private static final List<String> NAMES = List.of("shop", "service", "web", "billing-db", "a", "Ünïcödé module",
            "com.example.OrdersRolloutTest", "x".repeat(200));

    @Test
    void should_give_every_run_to_exactly_one_shard_for_every_shape() {
        int shapes = 0;
        for (String name : NAMES) {
            for (int mask = 1; mask < 1 << MAJORS.size(); mask++) {
                List<Integer> majors = subset(mask);
                for (int n = 1; n <= 9; n++) {
                    Map<Integer, Integer> owner = new HashMap<>();
                    IntSummaryStatistics sizes = new IntSummaryStatistics();
                    for (int i = 1; i <= n; i++) {
                        List<Integer> mine = new Shard(i, n).majors(name, majors);
                        sizes.accept(mine.size());
                        for (int major : mine) {
                            assertThat(owner.put(major, i)).as("%s %s over %d: %d twice", name, majors, n, major).isNull();
                        }
                    }
                    assertThat(owner.keySet()).as("%s %s over %d", name, majors, n).containsExactlyInAnyOrderElementsOf(majors);
                    assertThat(sizes.getMax() - sizes.getMin()).as("balance of %s %s over %d", name, majors, n)
                            .isLessThanOrEqualTo(1);
                    shapes++;
                }
            }
        }
        assertThat(shapes).isEqualTo(NAMES.size() * 63 * 9);
    }

    @Test
    void should_not_depend_on_the_order_or_repetition_of_the_majors_given() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            List<Integer> majors = subset(1 + random.nextInt(63));
            List<Integer> shuffled = new ArrayList<>(majors);
            shuffled.addAll(majors.subList(0, 1));
            Collections.shuffle(shuffled, random);
            int n = 1 + random.nextInt(6);
            for (int i = 1; i <= n; i++) {
                assertThat(new Shard(i, n).majors("shop", shuffled)).isEqualTo(new Shard(i, n).majors("shop", majors))
                        .isSorted();
            }
        }
    }

    @Test
    void should_deal_the_same_slice_on_every_machine() {
        // CRC32("shop") = 2892647586, which is 2 mod 4: shop's first run (the lowest major) is on shard 3 of 4
        assertThat(Shard.of("shop", 0, 4)).isEqualTo(3);
        assertThat(new Shard(3, 4).majors("shop", List.of(16, 17, 18))).containsExactly(16);
        assertThat(new Shard(4, 4).majors("shop", List.of(18, 16, 17))).containsExactly(17);
        assertThat(new Shard(1, 4).majors("shop", List.of(16, 17, 18))).containsExactly(18);
        assertThat(new Shard(2, 4).majors("shop", List.of(16, 17, 18))).isEmpty();
    }

    @Test
    void should_start_checks_of_one_run_each_on_different_shards() {
        int[] perShard = new int[4];
        for (int m = 0; m < 40; m++) {
            perShard[Shard.of("module-" + m, 0, 4) - 1]++;
        }
        assertThat(perShard).containsExactly(10, 10, 10, 10);
    }

    @Test
    void should_read_i_of_n_and_write_it_back() {
        assertThat(Shard.parse("2/4")).isEqualTo(new Shard(2, 4));
        assertThat(Shard.parse(" 1 / 1 ")).isEqualTo(new Shard(1, 1));
        assertThat(Settings.defaults().with("shard", "3/4").shard()).hasToString("3/4");
        assertThat(Settings.defaults().shard()).isNull();
        assertThat(Settings.defaults().with("shard", "").shard()).isNull();
        assertThat(Settings.defaults().with("shard", "2/4").effective()).containsEntry("shard", "2/4");
    }

    private static List<Integer> subset(int mask) {
        List<Integer> out = new ArrayList<>();
        for (int b = 0; b < MAJORS.size(); b++) {
            if ((mask & 1 << b) != 0) {
                out.add(MAJORS.get(b));
            }
        }
        return out;
    }
}
