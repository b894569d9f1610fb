package org.spagateway.dicom.listener;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CallingAePolicyTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    void rejectsUnknownCallingAeByDefault() {
        CallingAePolicy policy = new CallingAePolicy(List.of(new CallingAeRule("PACS", Set.of())), false);

        assertThat(policy.permits("STRANGER", LOOPBACK)).isFalse();
        assertThat(policy.permits("PACS", LOOPBACK)).isTrue();
    }

    @Test
    void checksTheHostWhenOneIsConfigured() throws Exception {
        CallingAePolicy policy = new CallingAePolicy(List.of(new CallingAeRule("PACS", Set.of("10.1.2.3")),
                new CallingAeRule("LOCAL", Set.of("127.0.0.1"))), false);

        assertThat(policy.permits("PACS", LOOPBACK)).isFalse();
        assertThat(policy.permits("PACS", InetAddress.getByName("10.1.2.3"))).isTrue();
        assertThat(policy.permits("LOCAL", LOOPBACK)).isTrue();
    }

    @Test
    void acceptsAnyCallerOnlyWhenConfiguredTo() {
        assertThat(new CallingAePolicy(List.of(), true).permits("ANYONE", LOOPBACK)).isTrue();
    }

    @Test
    void admitsAnAeBoundToACertificateOnlyWithThatCertificate() {
        CallingAePolicy policy = new CallingAePolicy(List.of(new CallingAeRule("CT_1", Set.of(), Set.of("ct-1"))),
                false);

        assertThat(policy.refusal("CT_1", LOOPBACK, Optional.of("ct-1"))).isEmpty();
        assertThat(policy.refusal("CT_1", LOOPBACK, Optional.of("CT-1"))).as("CNs compare ignoring case").isEmpty();
        assertThat(policy.refusal("CT_1", LOOPBACK, Optional.of("ct-2"))).hasValueSatisfying(reason ->
                assertThat(reason).contains("ct-1").contains("presented CN ct-2"));
        assertThat(policy.refusal("CT_1", LOOPBACK, Optional.empty())).hasValueSatisfying(reason ->
                assertThat(reason).contains("presented none"));
    }

    @Test
    void requiresBothTheHostAndTheCertificateWhenAnAeHasBoth() throws Exception {
        CallingAePolicy policy = new CallingAePolicy(List.of(new CallingAeRule("CT_1", Set.of("10.1.2.3")),
                new CallingAeRule("CT_1", Set.of(), Set.of("ct-1"))), false);

        assertThat(policy.refusal("CT_1", InetAddress.getByName("10.1.2.3"), Optional.of("ct-1"))).isEmpty();
        assertThat(policy.refusal("CT_1", LOOPBACK, Optional.of("ct-1"))).isPresent();
        assertThat(policy.refusal("CT_1", InetAddress.getByName("10.1.2.3"), Optional.of("ct-2"))).isPresent();
    }
}
