/** The hub's error vocabulary: every refusal is one {@link vn.gov.lmi.hub.problem.ProblemType}, whatever the transport. */
package vn.gov.lmi.hub.problem;
