package org.spagateway.study.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class StudySpecTest {

    @Test
    void ofDeclaresTheStudySizeAndDerivesTheStudyUid() {
        StudySpec spec = StudySpec.of(DemoTask.CT, 3, 42);

        assertThat(spec.declareStudySize()).isTrue();
        assertThat(spec.studyInstanceUid()).isEmpty();
        assertThat(spec.size()).isEqualTo(DemoTask.CT.defaultSize());
    }

    @Test
    void withersChangeOnlyTheirComponent() {
        StudySpec spec = StudySpec.of(DemoTask.FUNDUS, 1, 7)
                .withStudyInstanceUid("2.25.123")
                .withDeclaredStudySize(false)
                .withSize(128);

        assertThat(spec).isEqualTo(new StudySpec(DemoTask.FUNDUS, 1, false, 7, Optional.of("2.25.123"), 128));
    }

    @Test
    void rejectsAMalformedStudyUid() {
        assertThatThrownBy(() -> StudySpec.of(DemoTask.CT, 1, 1).withStudyInstanceUid("2.25.0123"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("UID");
    }

    @Test
    void rejectsAStudyWithoutInstances() {
        assertThatThrownBy(() -> StudySpec.of(DemoTask.CT, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsATinyMatrix() {
        assertThatThrownBy(() -> StudySpec.of(DemoTask.CT, 1, 1).withSize(4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("size");
    }
}
