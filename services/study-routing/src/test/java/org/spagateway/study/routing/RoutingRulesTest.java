package org.spagateway.study.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spagateway.configuration.ConfigException;
import org.spagateway.configuration.ConfigOption;
import org.spagateway.configuration.ConfigSource;

class RoutingRulesTest {

    @Test
    void routesTheTwoDemoTasksWithoutAnyConfiguration() {
        RoutingRules rules = RoutingRules.from(ConfigSource.of(Map.of()));

        assertThat(rules.names()).containsExactly("fundus", "ct-chest");
        assertThat(rules.rules().get(0).task()).isEqualTo("fundus-optic-cup");
        assertThat(rules.rules().get(0).modalities()).containsExactly("OP");
        assertThat(rules.rules().get(1).task()).isEqualTo("ct-lung-nodule");
        assertThat(rules.rules().get(1).bodyParts()).containsExactlyInAnyOrder("CHEST", "LUNG");
        assertThat(rules.rules().get(1).matchAbsentBodyPart()).isTrue();
        assertThat(rules.derivedSopClasses()).containsExactly(RoutingRules.SEGMENTATION_STORAGE);
    }

    @Test
    void readsRulesInTheConfiguredOrderAndNormalisesCodeStrings() {
        RoutingRules rules = RoutingRules.from(ConfigSource.of(Map.of(
                "spa.routing.rules", "mr-brain, ct-chest",
                "spa.routing.rule.mr-brain.task", "mr-tumour",
                "spa.routing.rule.mr-brain.modality", "mr",
                "spa.routing.rule.mr-brain.body-part", "brain,head",
                "spa.routing.rule.mr-brain.match-absent-body-part", "false",
                "spa.routing.rule.mr-brain.calling-ae", "MRI_1, MRI_2")));

        assertThat(rules.names()).containsExactly("mr-brain", "ct-chest");
        RoutingRule mr = rules.rules().get(0);
        assertThat(mr.modalities()).containsExactly("MR");
        assertThat(mr.bodyParts()).containsExactlyInAnyOrder("BRAIN", "HEAD");
        assertThat(mr.matchAbsentBodyPart()).isFalse();
        assertThat(mr.callingAeTitles()).containsExactlyInAnyOrder("MRI_1", "MRI_2");
    }

    @Test
    void anExplicitlyEmptyListOverridesTheDefaultAndMeansAny() {
        RoutingRules rules = RoutingRules.from(ConfigSource.of(Map.of("spa.routing.rule.ct-chest.body-part", "")));

        assertThat(rules.rules().get(1).bodyParts()).isEmpty();
    }

    @Test
    void environmentOverridesTheRuleOrder() {
        RoutingRules rules = RoutingRules.from(new ConfigSource(Map.of(), Map.of("SPA_ROUTING_RULES", "ct-chest")));

        assertThat(rules.names()).containsExactly("ct-chest");
    }

    @Test
    void rejectsAnUnknownRuleNameInTheOrderNamingTheKey() {
        assertThatThrownBy(() -> RoutingRules.from(ConfigSource.of(Map.of("spa.routing.rules", "fundus,pet-brain"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("spa.routing.rules")
                .hasMessageContaining("pet-brain");
    }

    @Test
    void rejectsARuleWithoutTaskNamingTheTaskKey() {
        assertThatThrownBy(() -> RoutingRules.from(ConfigSource.of(Map.of(
                "spa.routing.rules", "pet", "spa.routing.rule.pet.modality", "PT"))))
                .isInstanceOf(ConfigException.class)
                .extracting(e -> ((ConfigException) e).key()).isEqualTo("spa.routing.rule.pet.task");
    }

    @Test
    void rejectsATaskThatIsNotLowerCaseWordsJoinedByHyphens() {
        assertThatThrownBy(() -> RoutingRules.from(ConfigSource.of(Map.of(
                "spa.routing.rules", "pet", "spa.routing.rule.pet.task", "PET_Brain"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("spa.routing.rule.pet.task")
                .hasMessageContaining("PET_Brain");
    }

    @Test
    void rejectsADuplicateRuleAndAMalformedSopClass() {
        assertThatThrownBy(() -> RoutingRules.from(ConfigSource.of(Map.of("spa.routing.rules", "fundus,fundus"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> RoutingRules.from(ConfigSource.of(Map.of(
                "spa.routing.rule.fundus.sop-class", "1.2.abc"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("spa.routing.rule.fundus.sop-class");
    }

    @Test
    void documentsEveryOptionWithTheDemoDefaults() {
        assertThat(RoutingRules.OPTIONS).extracting(ConfigOption::key)
                .contains("spa.routing.rules", "spa.routing.rule.<name>.task", "spa.routing.derived-sop-classes",
                        "spa.routing.rule.fundus.task", "spa.routing.rule.ct-chest.body-part");
        assertThat(RoutingRules.OPTIONS).filteredOn(o -> o.key().equals("spa.routing.rules"))
                .singleElement().extracting(ConfigOption::defaultValue).isEqualTo("fundus,ct-chest");
    }
}
