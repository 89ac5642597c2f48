import Foundation

/// The ports of the archive's use cases: the department's (store, clock, ids, policy) plus the
/// image files, the reader of received data sets and the archive's settings.
public struct ArchiveEnvironment: Sendable {
    public var department: DepartmentEnvironment
    public var images: any ImageStore
    public var reader: any InstanceReader
    public var configuration: ArchiveConfiguration
    /// Makes the de-identified copies a disclosure sends (nil: this archive discloses nothing).
    public var deidentifier: (any InstanceDeidentifier)?

    public init(
        department: DepartmentEnvironment, images: any ImageStore, reader: any InstanceReader,
        configuration: ArchiveConfiguration = .default, deidentifier: (any InstanceDeidentifier)? = nil
    ) {
        self.department = department
        self.images = images
        self.reader = reader
        self.configuration = configuration
        self.deidentifier = deidentifier
    }
}
