package org.spagateway.spa.model.training;

/**
 * Training stopped because a loss term or a gradient is not finite: no step is taken from that state and no
 * checkpoint is written from it, so the last kept checkpoint stays as it was.
 */
public final class TrainingDivergedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final transient TrainingStep where;
    private final String term;

    TrainingDivergedException(TrainingStep where, String term, String detail) {
        super("training diverged at " + where + ": " + term + " " + detail + "; stopped before the optimiser step, "
                + "no checkpoint written from this state");
        this.where = where;
        this.term = term;
    }

    /** The step whose loss or gradient was not finite. */
    public TrainingStep where() {
        return where;
    }

    /** The loss term or parameter that was not finite, e.g. {@code segmentation loss} or a parameter name. */
    public String term() {
        return term;
    }
}
