package org.spagateway.spa.model;

import java.util.Map;

/**
 * Metadata stored beside the weights ({@code <name>.json} next to {@code <name>.params}).
 *
 * @param name      model name, e.g. {@code spa-optic-cup}
 * @param task      task id ({@code optic-cup}, {@code nodule}, ...)
 * @param config    network configuration
 * @param piInit    the fixed initial pi fed to the pi-MLP in round 1 of a cold start
 * @param training  free-form training facts (command, epochs, seeds, final losses)
 * @param inference the recipe its rounds follow by default, chosen for these weights on the validation split
 *                  (issue 17); absent from metadata written before it existed, and from a freshly trained model:
 *                  the paper's ({@link InferenceRecipe#PAPER})
 */
public record ModelInfo(String name, String task, SpaConfig config, float[] piInit, Map<String, Object> training,
                        InferenceRecipe inference) {

    public ModelInfo {
        training = training == null ? Map.of() : Map.copyOf(training);
        inference = inference == null ? InferenceRecipe.PAPER : inference;
    }
}
