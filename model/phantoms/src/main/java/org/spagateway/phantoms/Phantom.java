package org.spagateway.phantoms;

import java.util.List;

/**
 * A synthetic anatomy whose random geometry was fixed from a seed at construction. Rendering is deterministic:
 * the same phantom rendered at the same size gives identical pixels and inclusion maps.
 */
public interface Phantom {

    /** Short name of the anatomy, e.g. {@code fundus} or {@code lung-nodule}. */
    String kind();

    /** Names of the structures whose soft masks {@link #render(int)} returns, in that order. */
    List<String> structureNames();

    /** Renders the whole field of view as a square image of {@code size} x {@code size} pixels. */
    PhantomSample render(int size);
}
