package org.spagateway.dicom.listener;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
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
}
