package org.spagateway.dicom.objects;

/** A coded concept: Code Value, Coding Scheme Designator, Code Meaning (PS3.3 Table 8.8-1). */
public record CodedConcept(String value, String scheme, String meaning) {
}
