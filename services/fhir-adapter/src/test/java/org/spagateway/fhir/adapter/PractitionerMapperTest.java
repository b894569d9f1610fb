package org.spagateway.fhir.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.spagateway.events.Clinician;

class PractitionerMapperTest {

    @Test
    void readsAllFiveComponentsOfADicomPersonName() {
        HumanName name = PractitionerMapper.name("Rivera^Ana^Maria^Dr^PhD");

        assertThat(name.getFamily()).isEqualTo("Rivera");
        assertThat(name.getGiven()).extracting(StringType::getValue).containsExactly("Ana", "Maria");
        assertThat(name.getPrefixAsSingleString()).isEqualTo("Dr");
        assertThat(name.getSuffixAsSingleString()).isEqualTo("PhD");
    }

    @Test
    void usesTheAlphabeticGroupOfAMultiGroupName() {
        assertThat(PractitionerMapper.name("Yamada^Tarou=山田^太郎=やまだ^たろう").getFamily()).isEqualTo("Yamada");
    }

    @Test
    void writesNoNameWhenTheEventNamesNone() {
        Practitioner practitioner = new PractitionerMapper().map(new Clinician("c-17", null, null));

        assertThat(practitioner.hasName()).isFalse();
        assertThat(PractitionerMapper.name("^^^^")).isNull();
    }

    @Test
    void identifiesAClinicianWithoutSystemInTheGatewaysOwnNamespace() {
        Clinician clinician = new Clinician("c-17", null, "Doe^Jo");

        assertThat(PractitionerMapper.identifierToken(clinician)).isEqualTo("urn:spa-gateway:clinician|c-17");
        assertThat(PractitionerMapper.identifierToken(SessionFixtures.DR_RIVERA))
                .isEqualTo("urn:oid:2.16.840.1.113883.4.6|dr-rivera");
    }
}
