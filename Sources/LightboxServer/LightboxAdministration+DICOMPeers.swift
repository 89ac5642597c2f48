import Foundation
import LightboxDomain

extension LightboxAdministration {
    private var peerEnvironment: DepartmentEnvironment {
        DepartmentEnvironment(store: store, clock: SystemClock(), ids: RandomIDGenerator())
    }

    /// Registers (or changes) a DICOM peer through the same use case as `/api/dicom/peers`, audited
    /// as a command-line change. A running server sees it from its next association.
    public func addDICOMPeer(aeTitle: String, host: String, port: Int, services: Set<DICOMService>) async throws
        -> DICOMPeer
    {
        try await AddDICOMPeer(peerEnvironment)(
            .init(aeTitle: aeTitle, host: host, port: port, services: services), by: actor)
    }

    public func listDICOMPeers() async throws -> [DICOMPeer] {
        try await ListDICOMPeers(peerEnvironment)(by: actor)
    }

    public func removeDICOMPeer(aeTitle: String) async throws {
        try await RemoveDICOMPeer(peerEnvironment)(aeTitle: aeTitle, by: actor)
    }
}
