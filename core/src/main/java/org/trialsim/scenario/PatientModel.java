package org.trialsim.scenario;

/**
 * The processes that make up one patient's trajectory in one arm and stratum. Any process may be absent
 * ({@code null}): a textbook two-arm binary trial is induction response alone, a textbook time-to-event
 * trial is a relapse process timed from randomization, a t-test design is the MADRS score alone.
 *
 * @param response induction response at the end of induction, or {@code null}
 * @param relapse depressive relapse, or {@code null}
 * @param benzodiazepine benzodiazepine discontinuation and relapse (simulated only in benzodiazepine-user
 *     strata), or {@code null}
 */
public record PatientModel(ResponseModel response, Relapse relapse, Benzodiazepine benzodiazepine) {
}
