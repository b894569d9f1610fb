package org.spagateway.spa.model;

/** The preference distribution used in a round: per-component mean, variance and weight (M each). */
public record Theta(float[] mu, float[] sigma2, float[] pi) {
}
