package org.spagateway.dicom.network;

import com.pixelmed.network.Association;
import com.pixelmed.network.PresentationDataBridge;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.Socket;

/**
 * The one place that reaches PixelMed members outside its public API by reflection, each looked up by name here and
 * nowhere else. A member that is missing, of another type, or no longer accessible ends in an
 * {@link IncompatiblePixelMedException} naming it; {@code PixelMedInternalsTest} makes the same lookups so the build
 * fails before a PixelMed upgrade that changed one can ship.
 */
final class PixelMedInternals {

    /** {@code private static int}: PixelMed's fixed wait before closing the transport after A-RELEASE-RP. */
    static final String RELEASE_TO_CLOSE_WAIT = "associationReleaseToTransportConnectionCloseTimeoutInMilliseconds";
    /** {@code protected java.net.Socket}: the transport connection of an association. */
    static final String ASSOCIATION_SOCKET = "socket";

    private PixelMedInternals() {
    }

    /** {@code Association.associationReleaseToTransportConnectionCloseTimeoutInMilliseconds}, writable. */
    static Field releaseToCloseWait() {
        return accessibleField(Association.class, RELEASE_TO_CLOSE_WAIT, int.class, true, true);
    }

    /** {@code Association.socket}, readable. */
    static Field associationSocket() {
        return accessibleField(Association.class, ASSOCIATION_SOCKET, Socket.class, false, false);
    }

    /**
     * Runs the package-private constructor of {@code ReceivedDataHandler} through {@link PresentationDataBridge},
     * which is linked only when it runs: a PixelMed whose constructor became private, or whose package is sealed or
     * a named module (so a class from another jar cannot join it), fails here instead of on an association.
     */
    static void linkPresentationDataBridge() {
        try {
            new PresentationDataBridge((presentationContextId, command, last, value) -> false);
        } catch (LinkageError | SecurityException e) {
            throw new IncompatiblePixelMedException("com.pixelmed.network.ReceivedDataHandler() (package-private "
                    + "constructor, called from com.pixelmed.network.PresentationDataBridge)", "cannot be called", e);
        }
    }

    /**
     * @param written whether the door writes it: then it must not be final (a final static int may even have been
     *                inlined into PixelMed's code, so writing it would change nothing)
     */
    static Field accessibleField(Class<?> owner, String name, Class<?> type, boolean isStatic, boolean written) {
        String member = owner.getName() + "." + name + " (" + (isStatic ? "static " : "") + type.getName() + ")";
        Field field;
        try {
            field = owner.getDeclaredField(name);
        } catch (NoSuchFieldException e) {
            throw new IncompatiblePixelMedException(member, "is missing", e);
        }
        int modifiers = field.getModifiers();
        if (field.getType() != type || Modifier.isStatic(modifiers) != isStatic
                || written && Modifier.isFinal(modifiers)) {
            throw new IncompatiblePixelMedException(member, "has changed to " + field.toGenericString(), null);
        }
        try {
            field.setAccessible(true);
        } catch (RuntimeException e) {
            throw new IncompatiblePixelMedException(member, "cannot be made accessible", e);
        }
        return field;
    }
}
