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

    public init(
        duplicatePolicy: DuplicateInstancePolicy = .keep, minimumFreeBytes: Int64 = 1 << 30,
        maximumInstanceBytes: Int64 = 4 << 30
    ) {
        self.duplicatePolicy = duplicatePolicy
        self.minimumFreeBytes = minimumFreeBytes
        self.maximumInstanceBytes = maximumInstanceBytes
    }

    public static let `default` = ArchiveConfiguration()
}
