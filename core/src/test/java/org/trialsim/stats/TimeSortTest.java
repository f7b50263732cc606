package org.trialsim.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link TimeSort} sorts like {@link Arrays#sort(double[], int, int)} (same multiset, ascending, the range
 * only, each tag moving with its time) on every shape that takes a different path: short ranges, ordered and reversed ranges, smooth
 * survival times (the bucket pass), heavy ties and outliers (large buckets), infinite times and ranges too
 * narrow or too wide to scale (the quicksort), with one instance reused across sizes as on the replicate path.
 */
class TimeSortTest {

    @Test
    void sortsLikeTheJdkOnEveryShape() {
        SplittableRandom random = new SplittableRandom(20261122L);
        TimeSort sort = new TimeSort();
        for (int trial = 0; trial < 3000; trial++) {
            int n = random.nextInt(5) == 0 ? random.nextInt(30) : random.nextInt(800);
            int shape = random.nextInt(9);
            double[] a = new double[n + 10];
            for (int i = 0; i < a.length; i++) {
                a[i] = switch (shape) {
                    case 0 -> -12 * Math.log(random.nextDouble()); // exponential survival times
                    case 1 -> random.nextInt(12); // visit grid: heavy ties, large buckets
                    case 2 -> random.nextInt(20) == 0 ? 1e300 : random.nextDouble(); // an outlier squeezes the rest
                    case 3 -> random.nextInt(10) == 0 ? Double.POSITIVE_INFINITY : random.nextDouble() * 50;
                    case 4 -> 100.0 - 0.25 * i + (random.nextInt(50) == 0 ? 7 : 0); // nearly descending
                    case 5 -> 0.5 * (i / 3); // ascending with ties
                    case 6 -> 1 + Math.ulp(1.0) * random.nextInt(40); // width too narrow to scale well
                    case 7 -> random.nextBoolean() ? -Double.MAX_VALUE : Double.MAX_VALUE * random.nextDouble();
                    default -> random.nextDouble() < 0.5 ? random.nextDouble() : 1000 + random.nextDouble(); // two clumps
                };
            }
            int from = random.nextInt(6);
            int to = from + n;
            // tags: a hash of the time, so equal times carry equal tags and every tag can be checked after the sort
            byte[] tag = new byte[a.length];
            for (int i = 0; i < a.length; i++) {
                tag[i] = (byte) Math.floorMod(Double.hashCode(a[i]), 101);
            }
            double[] expected = a.clone();
            Arrays.sort(expected, from, to);
            byte[] untouched = tag.clone();
            sort.sort(a, tag, from, to);
            String where = "trial " + trial + ", shape " + shape + ", n " + n;
            assertArrayEquals(expected, a, where);
            for (int i = 0; i < a.length; i++) {
                if (i < from || i >= to) {
                    assertEquals(untouched[i], tag[i], where + ": tag outside the range");
                } else {
                    assertEquals((byte) Math.floorMod(Double.hashCode(a[i]), 101), tag[i], where + ": tag of " + a[i]);
                }
            }
        }
    }

    @Test
    void mergesTwoSortedRanges() {
        SplittableRandom random = new SplittableRandom(3L);
        for (int trial = 0; trial < 500; trial++) {
            double[] a = random.doubles(random.nextInt(50)).map(x -> Math.floor(10 * x)).sorted().toArray();
            double[] b = random.doubles(random.nextInt(50)).map(x -> Math.floor(10 * x)).sorted().toArray();
            double[] out = new double[a.length + b.length + 3];
            byte[] aTag = new byte[a.length];
            byte[] bTag = new byte[b.length];
            Arrays.fill(bTag, (byte) 1);
            byte[] outTag = new byte[out.length];
            TimeSort.merge(a, aTag, 0, a.length, b, bTag, 0, b.length, out, outTag, 3);
            int fromB = 0;
            for (byte x : outTag) {
                fromB += x;
            }
            assertEquals(b.length, fromB, "trial " + trial + ": tags of b");
            double[] expected = new double[out.length];
            System.arraycopy(a, 0, expected, 3, a.length);
            System.arraycopy(b, 0, expected, 3 + a.length, b.length);
            Arrays.sort(expected, 3, expected.length);
            assertArrayEquals(expected, out, "trial " + trial);
        }
    }
}
