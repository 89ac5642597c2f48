import Foundation

/// The DICOM peers, ordered by AE title (managers and admins).
public struct ListDICOMPeers: Sendable {
    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(by actor: Actor) async throws -> [DICOMPeer] {
        try environment.policy.require(actor, .manageDICOMPeers)
        return try await environment.store.transaction { try await $0.dicomPeers.list() }
    }
}
