import Foundation

/// The listener's look-up of a calling AE title, on every association (so changes count at once).
/// Holds no patient data, so it is not audited; the listener logs refusals.
public struct FindDICOMPeer: Sendable {
    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(aeTitle: String) async throws -> DICOMPeer? {
        let title = aeTitle.trimmingCharacters(in: .whitespaces)
        return try await environment.store.transaction { try await $0.dicomPeers.get(aeTitle: title) }
    }
}
