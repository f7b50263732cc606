/**
 * Endpoint data of a simulated trial: the observation rules (exact time or next visit, dropout, administrative
 * cutoff) applied to a prefix of a {@link org.trialsim.cohort.Cohort}, producing the reusable buffers the
 * statistical analyses read (counts per group and stratum, scores, censored times).
 *
 * <p>Groups: 1 is the experimental (treatment) arm of the endpoint, 0 its control arm; a single-arm endpoint
 * has group 1 only. Strata are numbered in the order of the endpoint's analysis strata
 * ({@link org.trialsim.endpoint.EndpointExtractor#strataNames()}).
 */
package org.trialsim.endpoint;
