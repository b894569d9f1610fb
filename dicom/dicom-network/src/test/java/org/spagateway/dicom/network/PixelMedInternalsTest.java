package org.spagateway.dicom.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.network.Association;
import com.pixelmed.network.CompositeResponseHandler;
import com.pixelmed.network.PDataPDU;
import com.pixelmed.network.PresentationDataBridge;
import com.pixelmed.network.ReceivedDataHandler;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.Socket;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The guard of the door: every PixelMed member outside its public API that the door relies on, looked up by name as
 * the production code does. When a PixelMed upgrade removes or changes one, this fails the build with a message
 * naming the member, instead of the gateway finding out at run time.
 *
 * <ul>
 *   <li>reflected: {@code Association.associationReleaseToTransportConnectionCloseTimeoutInMilliseconds}
 *       ({@link PixelMedTuning}) and {@code Association.socket} ({@link OutboundAssociations});</li>
 *   <li>package-private: {@code ReceivedDataHandler()}, which {@link PresentationDataBridge} calls from inside
 *       {@code com.pixelmed.network}, and the package being open to a class from another jar;</li>
 *   <li>protected, set by a subclass: {@code CompositeResponseHandler.status}, {@code .success} and
 *       {@code evaluateStatusAndSetSuccess} ({@link CStoreResponse}).</li>
 * </ul>
 */
class PixelMedInternalsTest {

    @Test
    void theReleaseWaitIsStillAWritableStaticIntOfAssociation() {
        Field wait = resolve(PixelMedInternals::releaseToCloseWait);

        String member = "Association." + PixelMedInternals.RELEASE_TO_CLOSE_WAIT;
        assertThat(wait.getDeclaringClass()).as(changed(member)).isEqualTo(Association.class);
        assertThat(wait.getType()).as(changed(member)).isEqualTo(int.class);
        assertThat(Modifier.isStatic(wait.getModifiers())).as(changed(member)).isTrue();
        assertThat(Modifier.isFinal(wait.getModifiers())).as(changed(member)).isFalse();
    }

    @Test
    void theAssociationStillKeepsItsSocketInAnInstanceField() {
        Field socket = resolve(PixelMedInternals::associationSocket);

        String member = "Association." + PixelMedInternals.ASSOCIATION_SOCKET;
        assertThat(socket.getDeclaringClass()).as(changed(member)).isEqualTo(Association.class);
        assertThat(socket.getType()).as(changed(member)).isEqualTo(Socket.class);
        assertThat(Modifier.isStatic(socket.getModifiers())).as(changed(member)).isFalse();
    }

    @Test
    void receivedDataHandlerStillHasTheConstructorTheBridgeCallsFromPixelMedsPackage() throws Exception {
        String member = "ReceivedDataHandler() (package-private constructor)";
        Constructor<ReceivedDataHandler> constructor = lookUp(member,
                () -> ReceivedDataHandler.class.getDeclaredConstructor());

        assertThat(Modifier.isPrivate(constructor.getModifiers())).as(changed(member)).isFalse();
        assertThat(Modifier.isFinal(ReceivedDataHandler.class.getModifiers())).as(changed("ReceivedDataHandler"))
                .isFalse();
        resolve(() -> {
            PixelMedInternals.linkPresentationDataBridge();
            return null;
        });
    }

    @Test
    void pixelMedsNetworkPackageStillLetsTheBridgeJoinIt() {
        String member = "package com.pixelmed.network";
        assertThat(ReceivedDataHandler.class.getPackage().isSealed()).as(changed(member + " (now sealed)")).isFalse();
        assertThat(ReceivedDataHandler.class.getModule().isNamed()).as(changed(member + " (now in a named module)"))
                .isFalse();
        assertThat(PresentationDataBridge.class.getClassLoader()).as(changed(member))
                .isSameAs(ReceivedDataHandler.class.getClassLoader());
    }

    @Test
    void thePDataIndicationTheBridgeOverridesIsStillWhatPixelMedCalls() throws Exception {
        String member = "ReceivedDataHandler.sendPDataIndication(PDataPDU, Association)";
        Method indication = lookUp(member, () -> ReceivedDataHandler.class.getDeclaredMethod("sendPDataIndication",
                PDataPDU.class, Association.class));

        assertThat(Modifier.isAbstract(indication.getModifiers())).as(changed(member)).isTrue();
        assertThat(PresentationDataBridge.class.getDeclaredMethod("sendPDataIndication", PDataPDU.class,
                Association.class)).as(changed(member)).isNotNull();
        assertThat(lookUp("ReceivedDataHandler.setDone(boolean)",
                () -> ReceivedDataHandler.class.getDeclaredMethod("setDone", boolean.class))).isNotNull();
    }

    @Test
    void compositeResponseHandlerStillHasTheStatusFieldsAndHookCStoreResponseUses() throws Exception {
        Field status = lookUp("CompositeResponseHandler.status",
                () -> CompositeResponseHandler.class.getDeclaredField("status"));
        Field success = lookUp("CompositeResponseHandler.success",
                () -> CompositeResponseHandler.class.getDeclaredField("success"));
        Method hook = lookUp("CompositeResponseHandler.evaluateStatusAndSetSuccess(AttributeList)",
                () -> CompositeResponseHandler.class.getDeclaredMethod("evaluateStatusAndSetSuccess",
                        AttributeList.class));

        assertThat(status.getType()).as(changed("CompositeResponseHandler.status")).isEqualTo(int.class);
        assertThat(Modifier.isProtected(status.getModifiers())).as(changed("CompositeResponseHandler.status"))
                .isTrue();
        assertThat(success.getType()).as(changed("CompositeResponseHandler.success")).isEqualTo(boolean.class);
        assertThat(Modifier.isProtected(success.getModifiers())).as(changed("CompositeResponseHandler.success"))
                .isTrue();
        assertThat(Modifier.isProtected(hook.getModifiers()))
                .as(changed("CompositeResponseHandler.evaluateStatusAndSetSuccess(AttributeList)")).isTrue();
    }

    @Test
    void aMissingMemberFailsWithAnErrorNamingItAndTheUpgrade() {
        assertThatThrownBy(() -> PixelMedInternals.accessibleField(Association.class, "releaseWait", int.class, true,
                true))
                .isInstanceOf(IncompatiblePixelMedException.class)
                .hasMessageStartingWith("PixelMed's com.pixelmed.network.Association.releaseWait (static int) is "
                        + "missing: a PixelMed upgrade changed it");
    }

    @Test
    void aMemberOfAnotherTypeFailsWithAnErrorSayingWhatItBecame() {
        assertThatThrownBy(() -> PixelMedInternals.accessibleField(Association.class, "socket", int.class, false,
                false))
                .isInstanceOf(IncompatiblePixelMedException.class)
                .hasMessageContaining("com.pixelmed.network.Association.socket (int) has changed to protected "
                        + "java.net.Socket com.pixelmed.network.Association.socket")
                .hasMessageContaining("a PixelMed upgrade changed it");
    }

    /** A production lookup; its own exception already names the member and the upgrade. */
    private static <T> T resolve(Supplier<T> lookup) {
        try {
            return lookup.get();
        } catch (IncompatiblePixelMedException e) {
            return fail(e.getMessage(), e);
        }
    }

    private static <T> T lookUp(String member, ReflectiveLookup<T> lookup) {
        try {
            return lookup.get();
        } catch (ReflectiveOperationException e) {
            return fail("PixelMed's " + member + " is missing: a PixelMed upgrade changed it (" + e + ")", e);
        }
    }

    private static String changed(String member) {
        return "PixelMed's " + member + " has changed: a PixelMed upgrade changed it";
    }

    @FunctionalInterface
    private interface ReflectiveLookup<T> {
        T get() throws ReflectiveOperationException;
    }
}
