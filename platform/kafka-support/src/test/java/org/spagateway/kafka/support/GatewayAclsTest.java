package org.spagateway.kafka.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;
import org.spagateway.events.Topic;

class GatewayAclsTest {

    static final GatewayAcls.ConsumerGroups GROUPS = new GatewayAcls.ConsumerGroups("spa-routes", "spa-export",
            "spa-notify", "spa-choices", "spa-inference-worker", "spa-fhir-adapter", "spa-preference-profiles");

    private final List<AclBinding> acls = GatewayAcls.bindings(GatewayAcls.Principals.defaults(), GROUPS);

    @Test
    void letsOnlyTheReportingSystemWriteChoicesAndItNothingElse() {
        assertThat(acls).filteredOn(acl -> acl.pattern().name().equals(Topic.CHOICE_MADE.name())
                        && acl.entry().operation() == AclOperation.WRITE)
                .extracting(acl -> acl.entry().principal()).containsExactly("User:reporting-system");
        assertThat(acls).filteredOn(acl -> acl.entry().principal().equals("User:reporting-system"))
                .singleElement().satisfies(acl -> {
                    assertThat(acl.pattern().resourceType()).isEqualTo(ResourceType.TOPIC);
                    assertThat(acl.pattern().patternType()).isEqualTo(PatternType.LITERAL);
                });
    }

    @Test
    void allowsOnlyAndNeverWithWildcards() {
        assertThat(acls).allSatisfy(acl -> {
            assertThat(acl.entry().permissionType()).isEqualTo(AclPermissionType.ALLOW);
            assertThat(acl.entry().principal()).doesNotContain("*");
            assertThat(acl.pattern().name()).isNotEqualTo("*");
            assertThat(acl.pattern().resourceType()).isNotEqualTo(ResourceType.CLUSTER);
        });
    }

    @Test
    void givesEveryTopicOfTheContractAWriter() {
        for (Topic topic : Topic.all()) {
            assertThat(acls).as(topic.name()).anySatisfy(acl -> {
                assertThat(acl.pattern().name()).isEqualTo(topic.name());
                assertThat(acl.entry().operation()).isEqualTo(AclOperation.WRITE);
            });
        }
    }

    @Test
    void letsTheWorkerReadItsRequestsInItsGroupButNotWriteChoices() {
        assertThat(acls).filteredOn(acl -> acl.entry().principal().equals("User:spa-worker"))
                .extracting(acl -> acl.pattern().resourceType() + " " + acl.pattern().name() + " "
                        + acl.entry().operation())
                .contains("TOPIC spa.inference.requested READ", "TOPIC spa.inference.interactive READ",
                        "GROUP spa-inference-worker READ", "TOPIC spa.candidates.ready WRITE")
                .doesNotContain("TOPIC spa.choice.made WRITE");
    }

    @Test
    void refusesABlankGroupPrefixThatWouldMatchEveryGroup() {
        assertThatThrownBy(() -> new GatewayAcls.ConsumerGroups("spa-routes", "", "n", "c", "w", "f", "p"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void printsTheAclsAsKafkaAclsCommandsOneLinePerPrincipalOperationAndResourceType() {
        List<String> lines = KafkaAclCommands.lines(acls, "kafka:9093", "admin.properties");

        assertThat(lines).hasSizeLessThan(acls.size()).contains(
                "kafka-acls.sh --bootstrap-server kafka:9093 --command-config admin.properties --add"
                        + " --allow-principal User:spa-worker --operation Read --topic spa.inference.requested"
                        + " --topic spa.inference.interactive --topic spa.profile.updated",
                "kafka-acls.sh --bootstrap-server kafka:9093 --command-config admin.properties --add"
                        + " --allow-principal User:reporting-system --operation Write --topic spa.choice.made",
                "kafka-acls.sh --bootstrap-server kafka:9093 --command-config admin.properties --add"
                        + " --allow-principal User:spa-profiles --operation All --resource-pattern-type prefixed"
                        + " --transactional-id spa-preference-profiles");
    }
}
