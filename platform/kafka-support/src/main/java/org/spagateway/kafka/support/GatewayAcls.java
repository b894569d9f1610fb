package org.spagateway.kafka.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.spagateway.events.Topic;

/**
 * The ACLs of a cluster with {@code allow.everyone.if.no.acl.found=false}: what each of the gateway's principals may
 * do, and nothing more. The external reporting system may only write choices ({@code spa.choice.made}); each
 * container of docker-compose.yml reads and writes the topics its services use, in its own consumer groups (prefixed:
 * the webhook and export routes append a suffix per destination); every service may create and describe the
 * gateway's topics, because each creates the ones missing at start-up. The list is derived from {@link Topic} and the
 * configured consumer groups, and printed for operators as {@code kafka-acls.sh} lines by the app's
 * {@code KafkaAclScript}.
 */
public final class GatewayAcls {

    /**
     * The Kafka principals ({@code User:<name>}: the SCRAM user names) of the gateway's containers and of the
     * reporting system.
     */
    public record Principals(String edge, String worker, String profiles, String fhirAdapter,
                             String reportingSystem) {

        public Principals {
            Objects.requireNonNull(edge, "edge");
            Objects.requireNonNull(worker, "worker");
            Objects.requireNonNull(profiles, "profiles");
            Objects.requireNonNull(fhirAdapter, "fhirAdapter");
            Objects.requireNonNull(reportingSystem, "reportingSystem");
        }

        /** The user names docs/deployment.md and docker-compose.yml use. */
        public static Principals defaults() {
            return new Principals("spa-edge", "spa-worker", "spa-profiles", "spa-fhir-adapter", "reporting-system");
        }
    }

    /**
     * The consumer groups (prefixes) of the services, as configured.
     *
     * @param routes                study routing ({@code spa.kafka.consumer-group})
     * @param export                SEG export
     * @param webhooks              webhook notifications
     * @param choices               the Kafka choice ingress on {@code spa.choice.made}
     * @param worker                the inference workers
     * @param fhirAdapter           the FHIR adapter
     * @param profilesApplicationId the profiles' Kafka Streams application id (its group, transactional ids and
     *                              internal topics all start with it)
     */
    public record ConsumerGroups(String routes, String export, String webhooks, String choices, String worker,
                                 String fhirAdapter, String profilesApplicationId) {

        public ConsumerGroups {
            for (String group : List.of(routes, export, webhooks, choices, worker, fhirAdapter,
                    profilesApplicationId)) {
                if (group.isBlank()) {
                    // A blank prefix would match every group of the cluster.
                    throw new IllegalArgumentException("a consumer group prefix is blank");
                }
            }
        }
    }

    private final Principals principals;
    private final ConsumerGroups groups;
    private final List<AclBinding> bindings = new ArrayList<>();

    private GatewayAcls(Principals principals, ConsumerGroups groups) {
        this.principals = principals;
        this.groups = groups;
    }

    /** Every ACL the gateway needs, in a stable order. */
    public static List<AclBinding> bindings(Principals principals, ConsumerGroups groups) {
        GatewayAcls acls = new GatewayAcls(principals, groups);
        acls.reportingSystem();
        acls.edge();
        acls.worker();
        acls.profiles();
        acls.fhirAdapter();
        for (String service : List.of(principals.edge(), principals.worker(), principals.profiles(),
                principals.fhirAdapter())) {
            acls.mayCreateTheGatewaysTopics(service);
        }
        return List.copyOf(acls.bindings);
    }

    private void reportingSystem() {
        writes(principals.reportingSystem(), Topic.CHOICE_MADE);
    }

    /** DICOM listener, study routing, SEG export and the reporting API (choice API, choice topic, webhooks). */
    private void edge() {
        String edge = principals.edge();
        reads(edge, Topic.STUDY_RECEIVED, Topic.CANDIDATES_READY, Topic.SESSION_APPROVED, Topic.CHOICE_MADE);
        writes(edge, Topic.STUDY_RECEIVED, Topic.INFERENCE_REQUESTED, Topic.STUDY_NOT_ROUTED,
                Topic.SEGMENTATION_EXPORTED, Topic.INFERENCE_INTERACTIVE, Topic.AUDIT_ACCESS, Topic.DEAD_LETTER);
        inGroups(edge, groups.routes(), groups.export(), groups.webhooks(), groups.choices());
        // The choice API reports the interactive backlog: the end offsets of spa.inference.interactive against the
        // workers' committed offsets.
        allow(edge, ResourceType.TOPIC, Topic.INFERENCE_INTERACTIVE.name(), PatternType.LITERAL,
                AclOperation.DESCRIBE);
        allow(edge, ResourceType.GROUP, groups.worker(), PatternType.PREFIXED, AclOperation.DESCRIBE);
    }

    private void worker() {
        String worker = principals.worker();
        reads(worker, Topic.INFERENCE_REQUESTED, Topic.INFERENCE_INTERACTIVE, Topic.PROFILE_UPDATED);
        writes(worker, Topic.CANDIDATES_READY, Topic.CHOICE_APPLIED, Topic.SESSION_APPROVED, Topic.DEAD_LETTER);
        inGroups(worker, groups.worker());
    }

    /** A Kafka Streams application with exactly-once: its group, transactional ids and internal topics. */
    private void profiles() {
        String profiles = principals.profiles();
        reads(profiles, Topic.CHOICE_APPLIED);
        writes(profiles, Topic.PROFILE_UPDATED, Topic.DEAD_LETTER);
        String applicationId = groups.profilesApplicationId();
        allow(profiles, ResourceType.GROUP, applicationId, PatternType.PREFIXED, AclOperation.ALL);
        allow(profiles, ResourceType.TOPIC, applicationId, PatternType.PREFIXED, AclOperation.ALL);
        allow(profiles, ResourceType.TRANSACTIONAL_ID, applicationId, PatternType.PREFIXED, AclOperation.ALL);
    }

    private void fhirAdapter() {
        String adapter = principals.fhirAdapter();
        reads(adapter, Topic.STUDY_RECEIVED, Topic.CANDIDATES_READY, Topic.CHOICE_APPLIED, Topic.SESSION_APPROVED,
                Topic.SEGMENTATION_EXPORTED, Topic.AUDIT_ACCESS);
        writes(adapter, Topic.DEAD_LETTER);
        inGroups(adapter, groups.fhirAdapter());
    }

    private void mayCreateTheGatewaysTopics(String principal) {
        for (Topic topic : Topic.all()) {
            allow(principal, ResourceType.TOPIC, topic.name(), PatternType.LITERAL, AclOperation.CREATE);
            allow(principal, ResourceType.TOPIC, topic.name(), PatternType.LITERAL, AclOperation.DESCRIBE);
        }
    }

    private void reads(String principal, Topic... topics) {
        for (Topic topic : topics) {
            allow(principal, ResourceType.TOPIC, topic.name(), PatternType.LITERAL, AclOperation.READ);
        }
    }

    /** WRITE implies DESCRIBE, and (Kafka 3.0+) the idempotent producer's right. */
    private void writes(String principal, Topic... topics) {
        for (Topic topic : topics) {
            allow(principal, ResourceType.TOPIC, topic.name(), PatternType.LITERAL, AclOperation.WRITE);
        }
    }

    private void inGroups(String principal, String... groupPrefixes) {
        for (String group : groupPrefixes) {
            allow(principal, ResourceType.GROUP, group, PatternType.PREFIXED, AclOperation.READ);
        }
    }

    private void allow(String principal, ResourceType type, String name, PatternType pattern,
                       AclOperation operation) {
        AclBinding binding = new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry("User:" + principal, "*", operation, AclPermissionType.ALLOW));
        if (!bindings.contains(binding)) {
            bindings.add(binding);
        }
    }
}
