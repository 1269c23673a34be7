package dev.zerodown.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The bytes seeding writes straight into its COPY buffer are the values {@link ColumnDomain#value} names:
 * the same text for numbers, text, enum and CHECK values, the same instant for dates and timestamps.
 */
class CopyBufferTest {
    private static final long[] INDEXES = LongStream.concat(LongStream.of(0, 1, 9, 10, 35, 36, 1295, 1296, 99_999,
            1L << 31, 4_738_381_338_321_616_895L, Long.MAX_VALUE), new SplittableRandom(7).longs(2_000, 0, Long.MAX_VALUE))
            .toArray();

    @Test
    void should_write_numbers_text_and_allowed_values_as_their_text() {
        List<ColumnDomain> domains = List.of(domain("int8", List.of()), domain("int4", List.of()),
                domain("numeric", List.of("CHECK ((total >= (0)::numeric))")),
                domain("int4", List.of("CHECK ((c > '-50'::integer))")), domain("text", List.of()),
                domain("text", List.of("CHECK ((length(c) <= 5))")), domain("text", List.of("CHECK ((length(c) < 1))")),
                domain("bool", List.of()), domain("text", List.of("CHECK ((c = ANY (ARRAY['a\tb'::text, 'x\\y'::text, 'é'::text])))")),
                domain("uuid", List.of()), domain("jsonb", List.of()), domain("inet", List.of()));
        for (ColumnDomain d : domains) {
            for (int width : new int[] {0, 3, 8, 40}) {
                for (long k : INDEXES) {
                    long index = d.size() == Long.MAX_VALUE ? k : Math.floorMod(k, Math.max(1, d.size()));
                    assertThat(written(d, index, width)).as("%s at %d, width %d", d.column.baseType(), index, width)
                            .isEqualTo(new String(CopyBuffer.escaped(d.value(index, width)), StandardCharsets.UTF_8));
                }
            }
        }
    }

    @Test
    void should_write_dates_and_timestamps_as_the_same_day_and_instant() {
        ColumnDomain date = domain("date", List.of());
        ColumnDomain timestamp = domain("timestamp", List.of());
        ColumnDomain timestamptz = domain("timestamptz", List.of());
        for (long k : INDEXES) {
            assertThat(LocalDate.parse(written(date, k, 0))).isEqualTo(LocalDate.parse(date.value(k, 0)));
            assertThat(LocalDateTime.parse(written(timestamp, k, 0).replace(' ', 'T')))
                    .isEqualTo(LocalDateTime.parse(timestamp.value(k, 0).replace(' ', 'T')));
            assertThat(written(timestamptz, k, 0)).endsWith("+00").matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\+00");
            assertThat(written(timestamptz, k, 0).replace("+00", "")).isEqualTo(written(timestamp, k, 0));
        }
    }

    @Test
    void should_write_longs_like_long_to_string_and_grow_past_its_capacity() {
        CopyBuffer b = new CopyBuffer(4);
        StringBuilder expected = new StringBuilder();
        for (long v : new long[] {0, 7, -7, 10, 99, 100, Long.MAX_VALUE, Long.MIN_VALUE, -1_000_000_000_000L, 999_999_999_999_999_999L}) {
            b.putLong(v);
            b.put(',');
            expected.append(v).append(',');
        }
        b.putEscaped("tab\there\\ new\nline é");

        assertThat(new String(b.array(), 0, b.length(), StandardCharsets.UTF_8))
                .isEqualTo(expected + "tab\\there\\\\ new\\nline é");
    }

    private static String written(ColumnDomain d, long k, int width) {
        CopyBuffer b = new CopyBuffer(16);
        d.write(k, width, b);
        return new String(b.array(), 0, b.length(), StandardCharsets.UTF_8);
    }

    private static ColumnDomain domain(String baseType, List<String> checks) {
        SeedCatalog.Column c = new SeedCatalog.Column(1, baseType.equals("numeric") ? "total" : "c", baseType, baseType,
                "b", "N", -1, true, false, false, List.of());
        return new ColumnDomain(c, checks.stream().map(x -> new SeedCatalog.Check("k", x)).toList(), 42);
    }
}
