import DICOM

/// The SOP classes of the Storage Service Class (PS3.4 Annex B, Table B.5-1): those under its
/// UID roots that the UID registry names as storage. The same roots also hold query/retrieve,
/// procedure step and verification classes of other services (Hanging Protocol and Protocol
/// Approval FIND/MOVE/GET, Inventory, Unified Procedure Step, RT Machine Verification); those are
/// not storage. A UID under a root that the registry (PS3.6 edition of the toolkit) does not know
/// is taken as a storage class added since, so a newer modality can still store.
public enum StorageSOPClasses {
    /// The roots under which PS3.4 Table B.5-1 and PS3.6 Annex A allocate storage SOP classes.
    public static let roots = [
        "1.2.840.10008.5.1.4.1.1.", "1.2.840.10008.5.1.4.34.", "1.2.840.10008.5.1.4.38.",
        "1.2.840.10008.5.1.4.43.", "1.2.840.10008.5.1.4.44.", "1.2.840.10008.5.1.4.45.",
    ]

    /// Whether `uid` is a storage SOP class.
    public static func contains(_ uid: String) -> Bool {
        guard roots.contains(where: { uid.hasPrefix($0) }) else { return false }
        guard let entry = UIDRegistry.entry(for: uid) else { return true }
        return entry.type == "SOP Class" && entry.keyword.contains("Storage")
    }
}
