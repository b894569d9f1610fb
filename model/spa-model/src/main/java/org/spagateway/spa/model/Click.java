package org.spagateway.spa.model;

/** A point prompt on the model grid: x = column, y = row (0-based); positive = "this pixel belongs to it". */
public record Click(int x, int y, boolean positive) {
}
