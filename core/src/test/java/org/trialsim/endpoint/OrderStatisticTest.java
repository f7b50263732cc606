package org.trialsim.endpoint;

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
}
