import Foundation

/// Registers a DICOM peer (or changes an existing one's address and services): managers and
/// admins, audited (`dicom-peer.added`, `dicom-peer.changed`). The listener sees it from the next
/// association on.
public struct AddDICOMPeer: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var aeTitle: String
        public var host: String
        public var port: Int
        public var services: Set<DICOMService>

        public init(aeTitle: String, host: String, port: Int, services: Set<DICOMService>) {
            self.aeTitle = aeTitle
            self.host = host
            self.port = port
            self.services = services
        }
    }

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> DICOMPeer {
        try environment.policy.require(actor, .manageDICOMPeers)
        var problems = DICOMPeer.problems(aeTitle: command.aeTitle, host: command.host, port: command.port)
        if command.services.isEmpty {
            problems.append(FieldProblem("services", "name at least one service"))
        }
        guard problems.isEmpty else {
            throw DomainError.problems(problems, fallback: .validationFailed, message: "The DICOM peer is not valid.")
        }
        let aeTitle = command.aeTitle.trimmingCharacters(in: .whitespaces)
        let host = command.host.trimmingCharacters(in: .whitespaces)
        let now = environment.clock.now()
        let id = environment.ids.next()
        return try await environment.store.transaction { unit in
            let peer: DICOMPeer
            let action: String
            if var known = try await unit.dicomPeers.get(aeTitle: aeTitle) {
                known.host = host
                known.port = command.port
                known.services = command.services
                known.updatedAt = now
                try await unit.dicomPeers.update(known)
                peer = known
                action = "dicom-peer.changed"
            } else {
                peer = DICOMPeer(
                    id: id, aeTitle: aeTitle, host: host, port: command.port, services: command.services,
                    createdAt: now, updatedAt: now)
                try await unit.dicomPeers.insert(peer)
                action = "dicom-peer.added"
            }
            try await unit.record(
                actor, action, patientID: nil, examID: nil, at: now,
                "DICOM peer \(peer.aeTitle) at \(peer.host):\(peer.port) may use \(peer.serviceList).")
            return peer
        }
    }
}
