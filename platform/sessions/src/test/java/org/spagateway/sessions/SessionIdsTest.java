package org.spagateway.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every id against a value derived by hand, outside Java: a name-based (type 3) UUID as RFC 4122 4.3 and
 * {@code UUID.nameUUIDFromBytes} define it, the MD5 of the UTF-8 name with the version nibble set to 3 and the
 * variant bits to 10. The names follow {@code DeterministicIds}: {@code spa-gateway/<kind>} then each part as
 * {@code |<length>:<part>}; the MD5 digests were computed with {@code printf %s 'name' | md5sum}. A change in any
 * derivation changes ids that are already stored in ledgers and on the bus, so it should fail here first.
 */
class SessionIdsTest {

    @Test
    void aSessionIsSpaPlusTheNameUuidOfItsRequestAndSourceInstance() {
        // md5("spa-gateway/session|5:req-1|5:1.2.3") = 9d1563e7 fb5d 5075 c0c9 3cd9896471ac; 5075 -> 3075,
        // c0c9 -> 80c9
        assertThat(SessionIds.sessionId("req-1", "1.2.3")).isEqualTo("spa-9d1563e7-fb5d-3075-80c9-3cd9896471ac");
    }

    @Test
    void theSamplingSeedIsTheXorOfTheSessionUuidsTwoHalves() {
        // 0x9d1563e7fb5d3075 ^ 0x80c93cd9896471ac = 0x1ddc5f3e723941d9
        assertThat(SessionIds.seed("spa-9d1563e7-fb5d-3075-80c9-3cd9896471ac")).isEqualTo(0x1ddc5f3e723941d9L)
                .isEqualTo(2151699443785220569L);
    }

    @Test
    void aRoundsCandidatesReadyEventIdIsTheNameUuidOfSessionAndRound() {
        // md5("spa-gateway/candidates-ready|5:spa-s|1:2") = 0e8ece57 607e 9ab6 9751 3ca996fa2594; 9ab6 -> 3ab6
        assertThat(SessionIds.candidatesReadyEventId("spa-s", 2)).isEqualTo("0e8ece57-607e-3ab6-9751-3ca996fa2594");
    }

    @Test
    void aContinuationRequestIdIsTheNameUuidOfSessionAndTheRoundDecidedOn() {
        // md5("spa-gateway/continuation|5:spa-s|1:2") = fe520ea9 abe8 5f66 03ad 8e9fd2e60804; 5f66 -> 3f66,
        // 03ad -> 83ad
        assertThat(SessionIds.continuationRequestId("spa-s", 2)).isEqualTo("fe520ea9-abe8-3f66-83ad-8e9fd2e60804");
    }

    @Test
    void aChoiceAppliedEventIdIsTheNameUuidOfSessionAndRound() {
        // md5("spa-gateway/choice-applied|5:spa-s|1:2") = 9d39a785 981b dfbb 3c2e 987e59401aa9; dfbb -> 3fbb,
        // 3c2e -> bc2e
        assertThat(SessionIds.choiceAppliedEventId("spa-s", 2)).isEqualTo("9d39a785-981b-3fbb-bc2e-987e59401aa9");
    }

    @Test
    void aSessionApprovedEventIdIsTheNameUuidOfTheSessionAlone() {
        // md5("spa-gateway/session-approved|5:spa-s") = dcfc018c 5306 80e3 cb3c 7ea23250e675; 80e3 -> 30e3,
        // cb3c -> 8b3c
        assertThat(SessionIds.sessionApprovedEventId("spa-s")).isEqualTo("dcfc018c-5306-30e3-8b3c-7ea23250e675");
    }

    @Test
    void aClinicianSessionRequestIdIsTheNameUuidOfTheSessionItStartsFromAndTheClinician() {
        // md5("spa-gateway/clinician-session|5:spa-s|9:dr-rivera") = 2b23149f 8d25 5872 a38e 4d2f33dce5e8;
        // 5872 -> 3872
        assertThat(SessionIds.clinicianSessionRequestId("spa-s", "dr-rivera"))
                .isEqualTo("2b23149f-8d25-3872-a38e-4d2f33dce5e8");
    }

    @Test
    void aProfileUpdatedEventIdIsTheNameUuidOfClinicianTaskAndVersion() {
        // md5("spa-gateway/profile-updated|9:dr-rivera|16:fundus-optic-cup|1:7") = c467b874 9306 4699 e3a5
        // 925c950cda84; 4699 -> 3699, e3a5 -> a3a5
        assertThat(SessionIds.profileUpdatedEventId("dr-rivera", "fundus-optic-cup", 7))
                .isEqualTo("c467b874-9306-3699-a3a5-925c950cda84");
    }

    @Test
    void idsOfDifferentKindsFromTheSameSessionAndRoundDiffer() {
        assertThat(SessionIds.candidatesReadyEventId("spa-s", 2))
                .isNotEqualTo(SessionIds.choiceAppliedEventId("spa-s", 2))
                .isNotEqualTo(SessionIds.continuationRequestId("spa-s", 2));
    }

    @Test
    void partsThatHoldTheSeparatorCannotCollide() {
        // With parts joined by '|' alone, ("a|b", "c") and ("a", "b|c") had one name and so one id.
        assertThat(SessionIds.profileUpdatedEventId("a|b", "c", 1))
                .isNotEqualTo(SessionIds.profileUpdatedEventId("a", "b|c", 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"spa-6f1c0e2a-1b2c", "notify-ready", "a", "S.1_x-2",
            "0123456789012345678901234567890123456789012345678901234567890123"})
    void acceptsLedgerSafeIds(String id) {
        assertThat(SessionIds.isValid(id)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {".", "..", ".hidden", "-x", "_x", "", "a/b", "a b", "..\\x",
            "01234567890123456789012345678901234567890123456789012345678901234"})
    void refusesNamesThatAreNotPlainFolderNames(String id) {
        assertThat(SessionIds.isValid(id)).isFalse();
    }
}
