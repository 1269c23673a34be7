package dev.zerodown.report.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextTest {
    @Test
    void should_escape_markup_and_quotes() {
        assertThat(Text.html("<a href=\"x\" title='y'>&</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
    }

    @Test
    void should_replace_characters_xml_forbids_and_keep_surrogate_pairs() {
        assertThat(Text.html("a\u0000b\u0007c\uD800d\uDC00e\uD83D\uDE00\tf\n"))
                .isEqualTo("a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uD83D\uDE00\tf\n");
    }

    @Test
    void should_return_plain_text_unchanged() {
        String plain = "select id from users where id = 1";

        assertThat(Text.html(plain)).isSameAs(plain);
    }

    @Test
    void should_write_coordinates_with_one_decimal_at_most() {
        assertThat(Svg.n(12.0)).isEqualTo("12");
        assertThat(Svg.n(12.54)).isEqualTo("12.5");
        assertThat(Svg.n(-0.46)).isEqualTo("-0.5");
        assertThat(Svg.n(0.04)).isEqualTo("0");
        assertThat(Svg.n(Double.NaN)).isEqualTo("0");
    }

    @Test
    void should_format_durations_for_people() {
        assertThat(Text.duration(0)).isEqualTo("0 ms");
        assertThat(Text.duration(3.25)).isEqualTo("3.3 ms");
        assertThat(Text.duration(1843)).isEqualTo("1.84 s");
        assertThat(Text.duration(125_000)).isEqualTo("2 min 5 s");
    }

    @Test
    void should_read_lock_modes_as_pg_locks_or_sql_write_them() {
        assertThat(Palette.LockMode.of("AccessExclusiveLock")).isEqualTo(Palette.LockMode.ACCESS_EXCLUSIVE);
        assertThat(Palette.LockMode.of("ACCESS EXCLUSIVE")).isEqualTo(Palette.LockMode.ACCESS_EXCLUSIVE);
        assertThat(Palette.LockMode.of("Share")).isEqualTo(Palette.LockMode.SHARE);
        assertThat(Palette.LockMode.of("SHARE ROW EXCLUSIVE")).isEqualTo(Palette.LockMode.SHARE_ROW_EXCLUSIVE);
        assertThat(Palette.LockMode.of("advisory")).isEqualTo(Palette.LockMode.OTHER);
        assertThat(Palette.LockMode.SHARE.blocks()).isEqualTo(Palette.Blocks.WRITES);
    }

    @Test
    void should_make_run_names_safe_folder_names() {
        assertThat(Text.fileSafe("com.example.UsersTest")).isEqualTo("com.example.UsersTest");
        assertThat(Text.fileSafe("../a b/c")).isEqualTo("a-b-c");
        assertThat(Text.fileSafe("")).isEqualTo("run");
    }
}
