package org.spagateway.spa.model.training;

/**
 * Per-epoch training figures (means over the epoch's optimiser steps) and validation scores.
 *
 * @param epoch             1-based
 * @param loss              total loss
 * @param segmentationLoss  BCE (pos_weight 2) of the mean of the N logits against the preference
 * @param wtaLoss           best-of-N per-rater BCE
 * @param piLoss            MSE of the pi-MLP against the EM estimate on the preference
 * @param validationDiceFirst mean Dice of the recommended mask in round 1 on the validation images
 * @param validationDiceLast  mean Dice of the recommended mask in the last validation round
 * @param largestGradientNorm largest global gradient norm of the epoch's steps, before clipping
 * @param clippedSteps      optimiser steps whose gradients were scaled down to the maximum norm
 * @param seconds           wall time of the epoch (training and validation)
 */
public record EpochReport(int epoch, double loss, double segmentationLoss, double wtaLoss, double piLoss,
                          double validationDiceFirst, double validationDiceLast, double largestGradientNorm,
                          int clippedSteps, double seconds) {
}
