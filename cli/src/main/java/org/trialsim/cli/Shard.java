package org.trialsim.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * {@code --shard I/K}: part {@code I} of {@code K} of a run, for array jobs. The replicates of every cell (a
 * sweep's cells in run order, each {@code [0, R)}; one cell without a sweep) are laid end to end, {@code C x R}
 * units of work, and cut into {@code K} contiguous pieces of equal size up to one replicate: part {@code I}
 * takes units {@code [floor((I - 1) C R / K), floor(I C R / K))}. The split depends on {@code I}, {@code K},
 * {@code C} and {@code R} alone, so every machine computes the same one, and the shards {@code 1..j} cover a
 * prefix of the run (the cells before and the first replicates of one cell), which is what a partial merge
 * needs.
 *
 * @param index {@code I}, from 1
 * @param count {@code K}
 */
record Shard(int index, int count) {

    /** Checks {@code 1 <= I <= K}. */
    Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("--shard " + index + "/" + count + ": I must be between 1 and K ("
                    + count + ")");
        }
    }

    /** Replicates {@code [from, to)} of cell {@code cell} (its index in run order). */
    record Piece(int cell, long from, long to) {
    }

    /**
     * This part's pieces, in run order, of {@code cells} cells of {@code replicates} each.
     *
     * @throws UsageException if {@code K} exceeds the replicates to split (a part would be empty)
     */
    List<Piece> pieces(int cells, long replicates) {
        long total = Math.multiplyExact(cells, replicates);
        if (count > total) {
            throw new UsageException("--shard " + this + ": K (" + count + ") is larger than the replicates to split ("
                    + (cells > 1 ? cells + " cells x " + replicates + " = " + total : Long.toString(total))
                    + "): some shards would be empty; use at most " + total + " shards");
        }
        long lo = Math.multiplyExact(index - 1L, total) / count;
        long hi = Math.multiplyExact((long) index, total) / count;
        List<Piece> pieces = new ArrayList<>();
        for (int c = 0; c < cells; c++) {
            long cellLo = c * replicates;
            long from = Math.max(lo, cellLo);
            long to = Math.min(hi, cellLo + replicates);
            if (from < to) {
                pieces.add(new Piece(c, from - cellLo, to - cellLo));
            }
        }
        return List.copyOf(pieces);
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }

    /** Reads {@code I/K}. */
    static Shard parse(String value) {
        String[] parts = value.strip().split("/", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("--shard must be I/K (part I of K, 1 <= I <= K), for example 3/10, "
                    + "but was '" + value + "'");
        }
        try {
            return new Shard(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--shard must be I/K with whole numbers, for example 3/10, but was '"
                    + value + "'");
        }
    }

    /** The picocli converter: a malformed value is a parameter error (exit 2, with usage). */
    static final class Converter implements CommandLine.ITypeConverter<Shard> {
        @Override
        public Shard convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
