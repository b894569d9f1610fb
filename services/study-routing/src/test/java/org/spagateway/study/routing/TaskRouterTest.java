package org.spagateway.study.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.spagateway.study.routing.StudyFixtures.CT_IMAGE;
import static org.spagateway.study.routing.StudyFixtures.MR_IMAGE;
import static org.spagateway.study.routing.StudyFixtures.OPHTHALMIC_PHOTOGRAPHY_8BIT;
import static org.spagateway.study.routing.StudyFixtures.SEGMENTATION;
import static org.spagateway.study.routing.StudyFixtures.series;
import static org.spagateway.study.routing.StudyFixtures.study;
import static org.spagateway.study.routing.StudyFixtures.unchanged;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spagateway.configuration.ConfigSource;
import org.spagateway.events.InferenceLane;
import org.spagateway.events.InferenceRequested;
import org.spagateway.events.NotRoutedReason;
import org.spagateway.events.SeriesReference;
import org.spagateway.events.StudyNotRouted;
import org.spagateway.events.StudyReceived;
import org.spagateway.test.harness.ExampleEvents;

class TaskRouterTest {

    private static final String STUDY = "2.25.100";
    private final TaskRouter router = new TaskRouter(StudyFixtures.defaultRules());

    @Test
    void routesAFundusPhotographToOpticCupSegmentation() {
        SeriesReference fundus = series(STUDY, 1, "OP", null, OPHTHALMIC_PHOTOGRAPHY_8BIT, 1);

        RoutingDecision decision = router.decide(study(STUDY, fundus));

        assertThat(decision.requests()).singleElement().satisfies(request -> {
            assertThat(request.task()).isEqualTo("fundus-optic-cup");
            assertThat(request.ruleName()).isEqualTo("fundus");
            assertThat(request.lane()).isEqualTo(InferenceLane.NEW_STUDY);
            assertThat(request.seriesInstanceUid()).isEqualTo(fundus.seriesInstanceUid());
            assertThat(request.instances()).isEqualTo(fundus.instances());
            assertThat(request.patientPseudonym()).isEqualTo(ExampleEvents.PATIENT_PSEUDONYM);
        });
        assertThat(decision.notRouted()).isEmpty();
    }

    @Test
    void routesChestAndLungCtAndCtWithoutBodyPartToLungNoduleSegmentation() {
        for (String bodyPart : new String[] {"CHEST", "lung", null}) {
            RoutingDecision decision = router.decide(study(STUDY, series(STUDY, 1, "CT", bodyPart, CT_IMAGE, 2)));

            assertThat(decision.requests()).as("body part %s", bodyPart).singleElement()
                    .extracting(InferenceRequested::task).isEqualTo("ct-lung-nodule");
        }
    }

    @Test
    void doesNotRouteAHeadCtAndNamesWhatWasExamined() {
        RoutingDecision decision = router.decide(study(STUDY, series(STUDY, 1, "CT", "HEAD", CT_IMAGE, 2)));

        StudyNotRouted notRouted = decision.notRouted().orElseThrow();
        assertThat(notRouted.reasonCode()).isEqualTo(NotRoutedReason.NO_MATCHING_RULE);
        assertThat(notRouted.reason()).contains("fundus", "ct-chest", "CT", CT_IMAGE, "HEAD");
    }

    @Test
    void reportsAnMrStudyAsNotRoutedWithItsModalitiesAndSopClasses() {
        RoutingDecision decision = router.decide(study(STUDY, series(STUDY, 1, "MR", "BRAIN", MR_IMAGE, 4)));

        StudyNotRouted notRouted = decision.notRouted().orElseThrow();
        assertThat(decision.requests()).isEmpty();
        assertThat(notRouted.reasonCode()).isEqualTo(NotRoutedReason.NO_MATCHING_RULE);
        assertThat(notRouted.modalities()).containsExactly("MR");
        assertThat(notRouted.sopClassUids()).containsExactly(MR_IMAGE);
        assertThat(notRouted.reason()).contains("MR", MR_IMAGE, "ORTHANC");
    }

    @Test
    void neverRoutesASegmentationOnlyStudy() {
        RoutingDecision decision = router.decide(study(STUDY, series(STUDY, 9, "SEG", "CHEST", SEGMENTATION, 1)));

        StudyNotRouted notRouted = decision.notRouted().orElseThrow();
        assertThat(notRouted.reasonCode()).isEqualTo(NotRoutedReason.DERIVED_OBJECT);
        assertThat(notRouted.sopClassUids()).containsExactly(SEGMENTATION);
    }

    @Test
    void neverRoutesASegmentationEvenWhenARuleWouldMatchItsModality() {
        RoutingRules anyModality = RoutingRules.from(ConfigSource.of(Map.of(
                "spa.routing.rules", "catch-all", "spa.routing.rule.catch-all.task", "ct-lung-nodule")));

        RoutingDecision decision = new TaskRouter(anyModality)
                .decide(study(STUDY, series(STUDY, 9, "SEG", null, SEGMENTATION, 1)));

        assertThat(decision.notRouted()).get().extracting(StudyNotRouted::reasonCode)
                .isEqualTo(NotRoutedReason.DERIVED_OBJECT);
    }

    @Test
    void routesOnlyTheSourceSeriesOfAStudyThatAlsoHoldsASegmentation() {
        SeriesReference ct = series(STUDY, 1, "CT", "CHEST", CT_IMAGE, 3);
        SeriesReference seg = series(STUDY, 9, "SEG", "CHEST", SEGMENTATION, 1);

        RoutingDecision decision = router.decide(study(STUDY, 1, 4, "ORTHANC", ct, seg));

        assertThat(decision.requests()).singleElement()
                .extracting(InferenceRequested::seriesInstanceUid).isEqualTo(ct.seriesInstanceUid());
    }

    @Test
    void treatsALaterVersionThatOnlyAddedOurSegmentationAsDerivedSoExportsCannotLoop() {
        SeriesReference ct = series(STUDY, 1, "CT", "CHEST", CT_IMAGE, 3);
        SeriesReference seg = series(STUDY, 9, "SEG", "CHEST", SEGMENTATION, 1);

        RoutingDecision decision = router.decide(study(STUDY, 2, 1, "ORTHANC", unchanged(ct), seg));

        StudyNotRouted notRouted = decision.notRouted().orElseThrow();
        assertThat(notRouted.reasonCode()).isEqualTo(NotRoutedReason.DERIVED_OBJECT);
        assertThat(notRouted.studyVersion()).isEqualTo(2);
        assertThat(notRouted.reason()).contains("version 2 added only derived objects");
    }

    @Test
    void routesALaterVersionThatAddedNewImagesBesideAnEarlierSegmentation() {
        SeriesReference ct = series(STUDY, 1, "CT", "CHEST", CT_IMAGE, 3);
        SeriesReference seg = series(STUDY, 9, "SEG", "CHEST", SEGMENTATION, 1);
        SeriesReference newCt = series(STUDY, 2, "CT", "LUNG", CT_IMAGE, 5);

        RoutingDecision decision = router.decide(
                study(STUDY, 3, 5, "ORTHANC", unchanged(ct), unchanged(seg), newCt));

        assertThat(decision.requests()).extracting(InferenceRequested::seriesInstanceUid)
                .containsExactly(newCt.seriesInstanceUid());
    }

    @Test
    void firstMatchingRuleInConfiguredOrderWins() {
        RoutingRules rules = RoutingRules.from(ConfigSource.of(Map.of(
                "spa.routing.rules", "special,ct-chest",
                "spa.routing.rule.special.task", "ct-special",
                "spa.routing.rule.special.modality", "CT",
                "spa.routing.rule.special.calling-ae", "RESEARCH_CT")));
        SeriesReference ct = series(STUDY, 1, "CT", "CHEST", CT_IMAGE, 1);

        assertThat(new TaskRouter(rules).decide(study(STUDY, 1, 1, "RESEARCH_CT", ct)).requests())
                .singleElement().extracting(InferenceRequested::task).isEqualTo("ct-special");
        assertThat(new TaskRouter(rules).decide(study(STUDY, 1, 1, "ORTHANC", ct)).requests())
                .singleElement().extracting(InferenceRequested::task).isEqualTo("ct-lung-nodule");
    }

    @Test
    void restrictsARuleToItsSopClasses() {
        RoutingRules rules = RoutingRules.from(ConfigSource.of(Map.of(
                "spa.routing.rules", "ct-images",
                "spa.routing.rule.ct-images.task", "ct-lung-nodule",
                "spa.routing.rule.ct-images.sop-class", CT_IMAGE)));

        assertThat(new TaskRouter(rules).decide(study(STUDY, series(STUDY, 1, "CT", null, CT_IMAGE, 1)))
                .requests()).hasSize(1);
        assertThat(new TaskRouter(rules).decide(study(STUDY, series(STUDY, 1, "CT", null, "1.2.840.10008.5.1.4.1.1.2.1", 1)))
                .notRouted()).isPresent();
    }

    @Test
    void givesOneRequestPerMatchedSeriesWithDistinctIds() {
        SeriesReference first = series(STUDY, 1, "CT", "CHEST", CT_IMAGE, 2);
        SeriesReference second = series(STUDY, 2, "CT", "CHEST", CT_IMAGE, 2);

        RoutingDecision decision = router.decide(study(STUDY, first, second));

        assertThat(decision.requests()).extracting(InferenceRequested::requestId).doesNotHaveDuplicates().hasSize(2);
    }

    @Test
    void givesTheSameRequestIdForTheSameSeriesContentAndANewOneWhenTheSeriesGrew() {
        SeriesReference ct = series(STUDY, 1, "CT", "CHEST", CT_IMAGE, 3);
        StudyReceived first = study(STUDY, ct);

        String id = router.decide(first).requests().get(0).requestId();

        assertThat(router.decide(first).requests().get(0).requestId()).isEqualTo(id);
        assertThat(router.decide(study(STUDY, series(STUDY, 1, "CT", "CHEST", CT_IMAGE, 4)))
                .requests().get(0).requestId()).isNotEqualTo(id);
    }
}
