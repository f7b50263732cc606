package org.trialsim.endpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OrderStatisticTest {

    /** Every rank of random arrays (with and without ties) against a full sort. */
    @Test
    void selectsTheSameElementAsSorting() {
        SplittableRandom random = new SplittableRandom(5);
        for (int trial = 0; trial < 300; trial++) {
            int size = 1 + random.nextInt(120);
            boolean ties = trial % 3 == 0;
            double[] a = new double[size + 5];
            for (int i = 0; i < a.length; i++) {
                a[i] = ties ? random.nextInt(7) : random.nextDouble();
            }
            a[random.nextInt(size)] = Double.POSITIVE_INFINITY;
            double[] sorted = Arrays.copyOf(a, size);
            Arrays.sort(sorted);
            for (int k = 0; k < size; k++) {
                double[] work = a.clone();
                assertEquals(sorted[k], OrderStatistic.select(work, size, k));
            }
        }
    }

    /**
     * The bucket pass of {@link OrderStatistic#find} against a full sort, on every shape that takes a different
     * path: small ranges (direct quickselect), smooth values, heavy ties, an outlier squeezing the rest into one
     * bucket, infinite values and all-equal values (fallback), calendar times of an event-driven cutoff; one
     * instance reused across sizes, and the array left a permutation of its values.
     */
    @Test
    void findsTheSameElementAsSorting() {
        SplittableRandom random = new SplittableRandom(20261122L);
        OrderStatistic order = new OrderStatistic();
        for (int trial = 0; trial < 3000; trial++) {
            int size = 1 + random.nextInt(random.nextBoolean() ? 80 : 1000);
            int shape = random.nextInt(6);
            double[] a = new double[size + 5];
            for (int i = 0; i < a.length; i++) {
                a[i] = switch (shape) {
                    case 0 -> 52.0 * (i + 1) / size - 12 * Math.log(random.nextDouble()); // entry + exponential time
                    case 1 -> random.nextInt(9); // ties
                    case 2 -> random.nextInt(25) == 0 ? 1e300 : random.nextDouble(); // outlier
                    case 3 -> random.nextInt(20) == 0 ? Double.POSITIVE_INFINITY : random.nextDouble();
                    case 4 -> 3.5; // all equal
                    default -> 1 + Math.ulp(1.0) * random.nextInt(50); // narrow width
                };
            }
            double[] sorted = Arrays.copyOf(a, size);
            Arrays.sort(sorted);
            int k = random.nextInt(size);
            double[] work = a.clone();
            String where = "trial " + trial + ", shape " + shape + ", size " + size + ", rank " + k;
            assertEquals(sorted[k], order.find(work, size, k), where);
            double[] after = Arrays.copyOf(work, size);
            Arrays.sort(after);
            assertArrayEquals(sorted, after, where + ": not a permutation");
            assertArrayEquals(Arrays.copyOfRange(a, size, a.length), Arrays.copyOfRange(work, size, a.length), where);
        }
    }
}
