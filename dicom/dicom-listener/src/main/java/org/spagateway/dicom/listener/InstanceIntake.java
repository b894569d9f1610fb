package org.spagateway.dicom.listener;

import java.util.function.Consumer;

/**
 * Where an association's C-STOREs go: the policy that says what each SOP class is to the listener, the store of the
 * instances that are announced, the handling of those no task uses, and who hears of each result.
 */
record InstanceIntake(StoragePresentationContextPolicy policy, InstanceStore store, IgnoredInstances ignored,
                      Consumer<StoreResult> onStored) {
}
