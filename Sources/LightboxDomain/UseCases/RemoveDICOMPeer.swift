import Foundation

/// Removes a DICOM peer: managers and admins, audited (`dicom-peer.removed`). Its next
/// association is refused (calling AE title not recognised).
public struct RemoveDICOMPeer: Sendable {
    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(aeTitle: String, by actor: Actor) async throws {
        try environment.policy.require(actor, .manageDICOMPeers)
        let title = aeTitle.trimmingCharacters(in: .whitespaces)
        let now = environment.clock.now()
        try await environment.store.transaction { unit in
            guard try await unit.dicomPeers.remove(aeTitle: title) else {
                throw DomainError.notFound("DICOM peer", title)
            }
            try await unit.record(
                actor, "dicom-peer.removed", patientID: nil, examID: nil, at: now, "DICOM peer \(title) removed.")
        }
    }
}
