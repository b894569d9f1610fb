package org.spagateway.dicom.seg;

/**
 * The model that produced a segmentation: written as Segment Algorithm Name (0062,0009) and, with the version, in
 * the Segmentation Algorithm Identification Sequence (0062,0007) (PS3.3 C.8.20.4.1, Table 10-19).
 */
public record ModelIdentity(String name, String version) {

    public ModelIdentity {
        Texts.requireText(name, "model name", 64);
        Texts.requireText(version, "model version", 64);
    }

    @Override
    public String toString() {
        return name + " " + version;
    }
}
