package org.trialsim.power;

import java.util.Objects;
import org.trialsim.scenario.Endpoint;

/**
 * A measure of a result in typed form: its {@link MeasureKind}, the endpoint it is of (an endpoint's name,
 * {@value #ANY} or {@value #ALL} for the combined powers, empty for a kind of none), the look (from 1; 0 for a
 * kind of none) and whether it is taken under the null scenario. It is the parsed form of a
 * {@link MeasureRow#measure()} text, with which it round-trips: {@code power:response} is
 * {@code POWER, "response", 0, false}; {@code type1:any} is {@code TYPE1, "any", 0, true};
 * {@code fwer_partial:response+remission} is {@code FWER_PARTIAL, "response+remission", 0, true}; {@code stop:look2} is
 * {@code STOP, "", 2, false}; {@code expected_n:null} is {@code EXPECTED_N, "", 0, true}. Endpoint names cannot be
 * {@value #ANY}, {@value #ALL} or {@code null} (the scenario reader refuses them), so the text is never
 * ambiguous.
 *
 * @param kind the statistic
 * @param endpoint the endpoint's name, {@value #ANY}, {@value #ALL}, or empty
 * @param look the look, from 1, or 0
 * @param underNull whether it is estimated under the null scenario (always for {@link MeasureKind#TYPE1})
 */
public record Measure(MeasureKind kind, String endpoint, int look, boolean underNull) {

    /** The endpoint of the disjunctive power and the familywise error: at least one endpoint rejected. */
    public static final String ANY = "any";
    /** The endpoint of the conjunctive power: every endpoint rejected. */
    public static final String ALL = "all";

    public Measure {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(endpoint, "endpoint");
        if (kind.perEndpoint() == endpoint.isEmpty()) {
            throw new IllegalArgumentException(kind.label() + (kind.perEndpoint() ? " needs an endpoint"
                    : " takes no endpoint, found " + endpoint));
        }
        if (kind.perLook() != look > 0 || look < 0) {
            throw new IllegalArgumentException(kind.label() + (kind.perLook() ? " needs a look from 1, found " + look
                    : " takes no look, found " + look));
        }
        if (kind.nullOnly() && !underNull) {
            throw new IllegalArgumentException(kind.label() + " is estimated under the null scenario");
        }
    }

    /** The power of an endpoint, after multiplicity control ({@code power:<name>}). */
    public static Measure power(String endpoint) {
        return new Measure(MeasureKind.POWER, endpoint, 0, false);
    }

    /** The power of a scenario's endpoint ({@code power:<name>}). */
    public static Measure power(Endpoint endpoint) {
        return power(endpoint.name());
    }

    /** The type I error of an endpoint ({@code type1:<name>}), or with {@value #ANY} the familywise error. */
    public static Measure type1(String endpoint) {
        return new Measure(MeasureKind.TYPE1, endpoint, 0, true);
    }

    /** A measure of an endpoint, of a kind per endpoint ({@link MeasureKind#perEndpoint()}). */
    public static Measure of(MeasureKind kind, String endpoint) {
        return new Measure(kind, endpoint, 0, kind.nullOnly());
    }

    /** A measure of a scenario's endpoint. */
    public static Measure of(MeasureKind kind, Endpoint endpoint) {
        return of(kind, endpoint.name());
    }

    /** A measure of a look, of a kind per look ({@code stop:look2}). */
    public static Measure atLook(MeasureKind kind, int look) {
        return new Measure(kind, "", look, false);
    }

    /** A measure of the whole design under the scenario ({@code expected_n}, {@code pet}, {@code early_success}). */
    public static Measure of(MeasureKind kind) {
        return new Measure(kind, "", 0, false);
    }

    /** The same measure under the null scenario ({@code expected_n:null}). */
    public Measure underTheNull() {
        return new Measure(kind, endpoint, look, true);
    }

    /** The measure's text, as {@link MeasureRow#measure()} and the CSV's {@code measure} column write it. */
    public String text() {
        StringBuilder b = new StringBuilder(kind.label());
        if (!endpoint.isEmpty()) {
            b.append(':').append(endpoint);
        }
        if (look > 0) {
            b.append(":look").append(look);
        }
        if (underNull && !kind.nullOnly()) {
            b.append(OperatingCharacteristics.UNDER_NULL);
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return text();
    }

    /**
     * The typed form of a measure's text.
     *
     * @param text for example {@code power:response}, {@code stop:look2}, {@code expected_n:null}
     * @return the measure
     * @throws IllegalArgumentException if the text is not a measure trialsim writes
     */
    public static Measure parse(String text) {
        String rest = text;
        boolean underNull = false;
        if (rest.endsWith(OperatingCharacteristics.UNDER_NULL)) {
            underNull = true;
            rest = rest.substring(0, rest.length() - OperatingCharacteristics.UNDER_NULL.length());
        }
        int colon = rest.indexOf(':');
        String label = colon < 0 ? rest : rest.substring(0, colon);
        String tail = colon < 0 ? "" : rest.substring(colon + 1);
        MeasureKind kind = MeasureKind.labelled(label).orElseThrow(() -> new IllegalArgumentException(
                "'" + text + "' is not a measure: '" + label + "' is none of power, power_unadjusted, type1, "
                        + "expected_n, stop, futility, reject, pet, early_success, fwer_partial, selected, allocation, dropped, fwer"));
        underNull |= kind.nullOnly();
        try {
            if (kind.perLook()) {
                if (!tail.startsWith("look")) {
                    throw new IllegalArgumentException(kind.label() + " needs look<k>");
                }
                return new Measure(kind, "", Integer.parseInt(tail.substring(4)), underNull);
            }
            return new Measure(kind, tail, 0, underNull);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a measure: " + e.getMessage(), e);
        }
    }
}
