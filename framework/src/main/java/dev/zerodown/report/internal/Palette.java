package dev.zerodown.report.internal;

import java.util.List;

/**
 * Okabe–Ito colours (safe for the common colour-vision deficiencies) and the labels and patterns that
 * carry the same meaning without colour.
 */
final class Palette {
    public static final String BLACK = "#000000";
    public static final String ORANGE = "#E69F00";
    public static final String SKY_BLUE = "#56B4E9";
    public static final String GREEN = "#009E73";
    public static final String YELLOW = "#F0E442";
    public static final String BLUE = "#0072B2";
    public static final String VERMILLION = "#D55E00";
    public static final String PURPLE = "#CC79A7";
    public static final String GREY = "#8C8C8C";

    private static final List<String> VERSIONS = List.of(BLUE, ORANGE, GREEN, PURPLE, SKY_BLUE, BLACK, YELLOW);

    /** A lock mode from the weakest to the strongest, with what it blocks. */
    public enum LockMode {
        ACCESS_SHARE("AccessShareLock", "AS", SKY_BLUE, Blocks.NOTHING),
        ROW_SHARE("RowShareLock", "RS", SKY_BLUE, Blocks.NOTHING),
        ROW_EXCLUSIVE("RowExclusiveLock", "RX", GREEN, Blocks.NOTHING),
        SHARE_UPDATE_EXCLUSIVE("ShareUpdateExclusiveLock", "SUX", YELLOW, Blocks.NOTHING),
        SHARE("ShareLock", "S", ORANGE, Blocks.WRITES),
        SHARE_ROW_EXCLUSIVE("ShareRowExclusiveLock", "SRX", PURPLE, Blocks.WRITES),
        EXCLUSIVE("ExclusiveLock", "X", BLUE, Blocks.WRITES),
        ACCESS_EXCLUSIVE("AccessExclusiveLock", "AX", VERMILLION, Blocks.READS_AND_WRITES),
        OTHER("", "?", GREY, Blocks.NOTHING);

        private final String pgName;
        private final String abbreviation;
        private final String colour;
        private final Blocks blocks;

        LockMode(String pgName, String abbreviation, String colour, Blocks blocks) {
            this.pgName = pgName;
            this.abbreviation = abbreviation;
            this.colour = colour;
            this.blocks = blocks;
        }

        /** Accepts pg_locks names ({@code ShareLock}), without "Lock", or as SQL writes them ({@code SHARE}). */
        public static LockMode of(String mode) {
            String m = mode == null ? "" : mode.replace(" ", "").replace("_", "").trim();
            for (LockMode l : values()) {
                if (l != OTHER && (l.pgName.equalsIgnoreCase(m) || l.pgName.equalsIgnoreCase(m + "Lock"))) {
                    return l;
                }
            }
            return OTHER;
        }

        /** The name without "Lock": {@code AccessExclusive}. */
        public String shortName(String original) {
            return this == OTHER ? (original == null ? "?" : original) : pgName.replace("Lock", "");
        }

        public String abbreviation() {
            return abbreviation;
        }

        public String colour() {
            return colour;
        }

        public Blocks blocks() {
            return blocks;
        }
    }

    /** What application traffic a lock mode blocks on a table. */
    public enum Blocks {
        NOTHING("blocks no reads or writes (only DDL)", null),
        WRITES("blocks writes (INSERT, UPDATE, DELETE)", "zd-hatch"),
        READS_AND_WRITES("blocks reads and writes", "zd-cross");

        private final String text;
        private final String pattern;

        Blocks(String text, String pattern) {
            this.text = text;
            this.pattern = pattern;
        }

        public String text() {
            return text;
        }

        /** The SVG pattern id drawn over the colour, or null. */
        public String pattern() {
            return pattern;
        }
    }

    private Palette() {
    }

    public static String version(int index) {
        return VERSIONS.get(index % VERSIONS.size());
    }
}
