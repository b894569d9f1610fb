package org.spagateway.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Every id against a value derived by hand, outside Java: a name-based (type 3) UUID as RFC 4122 4.3 and
 * {@code UUID.nameUUIDFromBytes} define it, the MD5 of the UTF-8 name with the version nibble set to 3 and the
 * variant bits to 10. The names are the kind and the parts joined with {@code |}; the MD5 digests were computed with
 * {@code printf %s 'name' | md5sum}. A change in any derivation changes ids that are already stored in ledgers and
 * on the bus, so it should fail here first.
 */
class SessionIdsTest {

    @Test
    void aSessionIsSpaPlusTheNameUuidOfItsRequestAndSourceInstance() {
        // md5("spa-session|req-1|1.2.3") = d9073cc5 2576 6054 942e 88885ee4640e; version 6054 -> 3054
        assertThat(SessionIds.sessionId("req-1", "1.2.3")).isEqualTo("spa-d9073cc5-2576-3054-942e-88885ee4640e");
    }

    @Test
    void theSamplingSeedIsTheXorOfTheSessionUuidsTwoHalves() {
        // 0xd9073cc525763054 ^ 0x942e88885ee4640e = 0x4d29b44d7b92545a
        assertThat(SessionIds.seed("spa-d9073cc5-2576-3054-942e-88885ee4640e")).isEqualTo(0x4d29b44d7b92545aL)
                .isEqualTo(5560173459844256858L);
    }

    @Test
    void aRoundsCandidatesReadyEventIdIsTheNameUuidOfSessionAndRound() {
        // md5("candidates-ready|spa-s|2") = 73c10529 7cfb e5de d450 a905ff8a5a2e; e5de -> 35de, d450 -> 9450
        assertThat(SessionIds.candidatesReadyEventId("spa-s", 2)).isEqualTo("73c10529-7cfb-35de-9450-a905ff8a5a2e");
    }

    @Test
    void aContinuationRequestIdIsTheNameUuidOfSessionAndTheRoundDecidedOn() {
        // md5("continuation|spa-s|2") = 4865258d 9ac2 8ac2 888d 3887fa530197; 8ac2 -> 3ac2
        assertThat(SessionIds.continuationRequestId("spa-s", 2)).isEqualTo("4865258d-9ac2-3ac2-888d-3887fa530197");
    }

    @Test
    void aChoiceAppliedEventIdIsTheNameUuidOfSessionAndRound() {
        // md5("choice-applied|spa-s|2") = d13a30d5 e8cc 1c59 8592 e6de47edab0f; 1c59 -> 3c59
        assertThat(SessionIds.choiceAppliedEventId("spa-s", 2)).isEqualTo("d13a30d5-e8cc-3c59-8592-e6de47edab0f");
    }

    @Test
    void aSessionApprovedEventIdIsTheNameUuidOfTheSessionAlone() {
        // md5("session-approved|spa-s") = b67c62d8 4bb6 ff81 e4d9 fc03c9ad1532; ff81 -> 3f81, e4d9 -> a4d9
        assertThat(SessionIds.sessionApprovedEventId("spa-s")).isEqualTo("b67c62d8-4bb6-3f81-a4d9-fc03c9ad1532");
    }

    @Test
    void aClinicianSessionRequestIdIsTheNameUuidOfTheSessionItStartsFromAndTheClinician() {
        // md5("clinician-session|spa-s|dr-rivera") = 43521c24 90d7 c413 3e15 314691a28c63; c413 -> 3413, 3e15 -> be15
        assertThat(SessionIds.clinicianSessionRequestId("spa-s", "dr-rivera"))
                .isEqualTo("43521c24-90d7-3413-be15-314691a28c63");
    }

    @Test
    void aProfileUpdatedEventIdIsTheNameUuidOfClinicianTaskAndVersion() {
        // md5("profile-updated|dr-rivera|fundus-optic-cup|7") = 39a5466d 4b28 80be 6155 01fa0a710642;
        // 80be -> 30be, 6155 -> a155
        assertThat(SessionIds.profileUpdatedEventId("dr-rivera", "fundus-optic-cup", 7))
                .isEqualTo("39a5466d-4b28-30be-a155-01fa0a710642");
    }

    @Test
    void idsOfDifferentKindsFromTheSameSessionAndRoundDiffer() {
        assertThat(SessionIds.candidatesReadyEventId("spa-s", 2))
                .isNotEqualTo(SessionIds.choiceAppliedEventId("spa-s", 2))
                .isNotEqualTo(SessionIds.continuationRequestId("spa-s", 2));
    }
}
