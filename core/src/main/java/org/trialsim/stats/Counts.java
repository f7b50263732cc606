package org.trialsim.stats;

/**
 * Argument checks shared by the tests on counts. Impossible counts are programming errors (never a
 * property of simulated data), so they throw; every possible count, however extreme, has a defined result.
 */
final class Counts {

    private Counts() {
    }

    /** Checks {@code 0 <= events <= n}. */
    static void check(int events, int n, String arm) {
        if (n < 0 || events < 0 || events > n) {
            throw new IllegalArgumentException(arm + ": need 0 <= events <= n, found events=" + events + ", n=" + n);
        }
    }

    /** Checks both arms of a two-by-two table. */
    static void check(int eventsTreatment, int nTreatment, int eventsControl, int nControl) {
        check(eventsTreatment, nTreatment, "treatment");
        check(eventsControl, nControl, "control");
    }

    /** Checks a significance level or two-sided error rate. */
    static void checkAlpha(double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), found " + alpha);
        }
    }
}
