package org.trialsim.scenario;

/**
 * Levenshtein edit distance, for "did you mean" suggestions on misspelt keys and values. Levenshtein VI.
 * Binary codes capable of correcting deletions, insertions and reversals. Soviet Physics Doklady
 * 1966;10:707-710; computed with the two-row dynamic programme.
 */
final class EditDistance {

    private EditDistance() {
    }

    static int levenshtein(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
