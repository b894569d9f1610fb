package org.spagateway.evaluation;

/**
 * The methods every test image is run with (SPA-NOTES.md section 4: SPA and the baselines on the same backbone and
 * data), by the name the report and the per-image CSV show.
 */
public enum ComparedMethod {

    SPA("SPA"),
    /** Baseline (c): the SPA weights, candidates every round, nothing fed back. */
    SPA_THETA_FROZEN("SPA, theta frozen"),
    /**
     * The SPA weights with the chosen candidates' points fed back but pi kept at its round-1 input: SPA against it
     * measures what the pi update (preference alignment) adds beyond the clicks.
     */
    SPA_PI_FROZEN("SPA, points fed back, pi frozen"),
    /** Baseline (b): no z, each round a click at the centre of the largest error region. */
    CLICK("click baseline"),
    /** Baseline (a): no z, no clicks. */
    DETERMINISTIC("deterministic");

    private final String label;

    ComparedMethod(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
