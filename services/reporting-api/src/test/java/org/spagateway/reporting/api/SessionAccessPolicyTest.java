package org.spagateway.reporting.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.events.Clinician;
import org.spagateway.sessions.ChoiceRejection;
import org.spagateway.sessions.SessionLedger;
import org.spagateway.sessions.SessionLedgerConfig;
import org.spagateway.sessions.SessionView;

/** Who may choose on, start and read which session, for callers whose tokens were verified. */
class SessionAccessPolicyTest {

    private static final Clinician RIVERA = LedgerFixtures.RIVERA;
    private static final Clinician OKAFOR = LedgerFixtures.OKAFOR;
    private static final Caller RIVERA_CLINICIAN = caller(RIVERA, Caller.Role.CLINICIAN);
    private static final Caller OKAFOR_CLINICIAN = caller(OKAFOR, Caller.Role.CLINICIAN);
    private static final Caller RIS_DELEGATE = caller(new Clinician("ris-service", RIVERA.system(), null),
            Caller.Role.DELEGATE);
    private static final Caller AUDITOR = caller(new Clinician("audit-1", RIVERA.system(), null),
            Caller.Role.AUDITOR);

    @TempDir
    Path root;

    private final SessionAccessPolicy policy = new SessionAccessPolicy();
    private Optional<SessionView> owned;
    private Optional<SessionView> unowned;

    @BeforeEach
    void openSessions() throws IOException {
        try (SessionLedger ledger = SessionLedgerConfig.embedded(root).ledger()) {
            owned = ledger.find(LedgerFixtures.open(ledger, "owned", RIVERA, 1).sessionId());
            unowned = ledger.find(LedgerFixtures.open(ledger, "unowned", null, 1).sessionId());
        }
    }

    @Test
    void theOwnerMayChooseOnTheirSession() {
        assertThat(policy.mayChoose(RIVERA_CLINICIAN, RIVERA, owned)).isEmpty();
    }

    @Test
    void aClinicianMayClaimASessionRoutingStartedByChoosingFirst() {
        assertThat(policy.mayChoose(OKAFOR_CLINICIAN, OKAFOR, unowned)).isEmpty();
    }

    @Test
    void aBodyNamingAnotherClinicianThanTheTokenIsAMismatch() {
        assertRefused(policy.mayChoose(OKAFOR_CLINICIAN, RIVERA, owned), ChoiceRejection.CLINICIAN_MISMATCH);
    }

    @Test
    void aBodyNamingTheTokensIdInAnotherSystemIsAMismatch() {
        assertRefused(policy.mayChoose(RIVERA_CLINICIAN, new Clinician("dr-rivera", null, null), owned),
                ChoiceRejection.CLINICIAN_MISMATCH);
    }

    @Test
    void aDelegateMayChooseForTheOwnerButMayNotClaimAnUnownedSession() {
        assertThat(policy.mayChoose(RIS_DELEGATE, RIVERA, owned)).isEmpty();
        assertRefused(policy.mayChoose(RIS_DELEGATE, OKAFOR, unowned), ChoiceRejection.FORBIDDEN);
    }

    @Test
    void anAuditorMayNotChoose() {
        assertRefused(policy.mayChoose(AUDITOR, AUDITOR.clinician().orElseThrow(), owned), ChoiceRejection.FORBIDDEN);
    }

    @Test
    void aClinicianMayStartASessionForThemselfOnly() {
        assertThat(policy.mayStart(OKAFOR_CLINICIAN, OKAFOR)).isEmpty();
        assertRefused(policy.mayStart(OKAFOR_CLINICIAN, RIVERA), ChoiceRejection.CLINICIAN_MISMATCH);
        assertRefused(policy.mayStart(AUDITOR, AUDITOR.clinician().orElseThrow()), ChoiceRejection.FORBIDDEN);
    }

    @Test
    void theOwnerADelegateAndAnAuditorMayReadASessionAnotherClinicianMayNot() {
        assertThat(policy.mayRead(RIVERA_CLINICIAN, owned.orElseThrow())).isEmpty();
        assertThat(policy.mayRead(RIS_DELEGATE, owned.orElseThrow())).isEmpty();
        assertThat(policy.mayRead(AUDITOR, owned.orElseThrow())).isEmpty();
        assertRefused(policy.mayRead(OKAFOR_CLINICIAN, owned.orElseThrow()), ChoiceRejection.FORBIDDEN);
        assertRefused(policy.mayRead(OKAFOR_CLINICIAN, unowned.orElseThrow()), ChoiceRejection.FORBIDDEN);
    }

    @Test
    void aClinicianMayViewAnUnclaimedSessionInThePickerButNotAnotherClinicians() {
        assertThat(policy.mayView(OKAFOR_CLINICIAN, unowned.orElseThrow())).isEmpty();
        assertThat(policy.mayView(RIVERA_CLINICIAN, owned.orElseThrow())).isEmpty();
        assertThat(policy.mayView(AUDITOR, unowned.orElseThrow())).isEmpty();
        assertRefused(policy.mayView(OKAFOR_CLINICIAN, owned.orElseThrow()), ChoiceRejection.FORBIDDEN);
    }

    @Test
    void aCallerWithoutAnyRoleMayNotEvenAskWhetherASessionExists() {
        assertRefused(policy.mayReadAny(caller(OKAFOR)), ChoiceRejection.FORBIDDEN);
        assertThat(policy.mayReadAny(OKAFOR_CLINICIAN)).isEmpty();
    }

    @Test
    void anUnverifiedDevelopmentCallerMayDoEverythingAsBefore() {
        Caller development = Caller.unverified("reporting-system");

        assertThat(policy.mayChoose(development, OKAFOR, owned)).isEmpty();
        assertThat(policy.mayStart(development, OKAFOR)).isEmpty();
        assertThat(policy.mayRead(development, owned.orElseThrow())).isEmpty();
    }

    @Test
    void theActingClinicianIsTheTokensWithTheBodysNameWhenTheTokenHasNone() {
        assertThat(SessionAccessPolicy.acting(OKAFOR_CLINICIAN, new Clinician("dr-okafor", OKAFOR.system(),
                "Okafor^Chidi"))).isEqualTo(new Clinician("dr-okafor", OKAFOR.system(), "Okafor^Chidi"));
        Caller named = new Caller("dr-okafor", Optional.of(new Clinician("dr-okafor", OKAFOR.system(), "Okafor^C")),
                Set.of(Caller.Role.CLINICIAN), true);
        assertThat(SessionAccessPolicy.acting(named, new Clinician("dr-okafor", OKAFOR.system(), "Spoofed^Name")))
                .isEqualTo(named.clinician().orElseThrow());
    }

    private static Caller caller(Clinician clinician, Caller.Role... roles) {
        return new Caller(clinician.id(), Optional.of(clinician), Set.of(roles), true);
    }

    private static void assertRefused(Optional<SessionAccessPolicy.Refusal> refusal, ChoiceRejection expected) {
        assertThat(refusal).hasValueSatisfying(r -> {
            assertThat(r.rejection()).isEqualTo(expected);
            assertThat(r.message()).isNotBlank();
        });
    }
}
