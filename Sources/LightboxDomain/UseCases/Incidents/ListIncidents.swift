import Foundation

/// The incidents, newest first, by the listing's filters (the manager's list), and one incident with its patient and
/// dose incident case. Reading is audited (`incident.read`): incidents name patients.
public struct ListIncidents: Sendable {
    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ query: IncidentQuery = IncidentQuery(), by actor: Actor) async throws -> [Incident] {
        try environment.policy.require(actor, .viewIncidents)
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            let incidents = try await unit.incidents.list(query)
            try await unit.record(
                actor, "incident.read", patientID: query.patientID, examID: query.examID, at: now,
                "Read \(incidents.count) incidents")
            return incidents
        }
    }

    /// One incident, audited against its patient and exam.
    public func one(_ id: UUID, by actor: Actor) async throws -> IncidentDetail {
        try environment.policy.require(actor, .viewIncidents)
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            let incident = try await unit.incident(id)
            var patient: Patient?
            if let patientID = incident.patientID { patient = try await unit.patients.get(patientID) }
            var saueCase: SAUECase?
            if let caseID = incident.saueCaseID { saueCase = try await unit.saueCases.get(caseID) }
            try await unit.record(
                actor, "incident.read", patientID: incident.patientID, examID: incident.examID, at: now,
                "Read incident \(incident.reference)")
            return IncidentDetail(incident: incident, patient: patient, saueCase: saueCase)
        }
    }
}
