import Foundation

/// The archive's settings (every threshold is configuration; these are the defaults).
public struct ArchiveConfiguration: Sendable, Codable, Equatable {
    /// Different bytes under an archived SOP Instance UID: keep the archived instance or replace it.
    public var duplicatePolicy: DuplicateInstancePolicy
    /// Below this many free bytes on the image folder's file system, storing answers
    /// 0xA700 (out of resources) and writes nothing; intake resumes as soon as space returns.
    public var minimumFreeBytes: Int64
    /// The largest instance accepted, in bytes (a bound on one C-STORE or STOW-RS part).
    public var maximumInstanceBytes: Int64
    /// Whether archived instances' dose reports (an RDSR, Enhanced or Radiopharmaceutical RDSR: PS3.16 TID 10001,
    /// 10011, 10021; an image header's dose attributes) are read at ingest into the dose register. On by default;
    /// a department whose dose register is another system (OpenREM) may turn it off: the instances are archived
    /// all the same, and MPPS and typed figures still reach the register.
    public var captureDose: Bool

    public init(
        duplicatePolicy: DuplicateInstancePolicy = .keep, minimumFreeBytes: Int64 = 1 << 30,
        maximumInstanceBytes: Int64 = 4 << 30, captureDose: Bool = true
    ) {
        self.duplicatePolicy = duplicatePolicy
        self.minimumFreeBytes = minimumFreeBytes
        self.maximumInstanceBytes = maximumInstanceBytes
        self.captureDose = captureDose
    }

    public static let `default` = ArchiveConfiguration()
}
