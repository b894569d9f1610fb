package org.spagateway.spa.model.training;

/** Where in a training run an optimiser step is: epoch and step from 1, the simulated round of the batch from 1. */
public record TrainingStep(int epoch, int step, int round) {

    @Override
    public String toString() {
        return "epoch " + epoch + ", step " + step + ", round " + round;
    }
}
