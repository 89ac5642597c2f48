import Foundation

/// The scheduled QA check (run once a period across all nodes by the server's job runner): raises each QA alert
/// for the physicist by auditing it ("qa.alert", one entry per alert and run) and returns them, so the department's
/// monitoring and the physicist's home show what is overdue or failed.
public struct CheckQACompliance: Sendable {
    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(by actor: Actor) async throws -> Outcome<[QAAlert]> {
        try environment.policy.require(actor, .viewEquipment)
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            let alerts = try await ListQAAlerts.alerts(
                now: now, configuration: try await environment.configuration(at: now, in: unit), unit)
            for alert in alerts {
                try await unit.record(
                    actor, "qa.alert", patientID: nil, examID: nil, at: now,
                    "\(alert.kind.label): \(alert.roomName), \(alert.summary)")
            }
            return Outcome(
                alerts,
                events: alerts.map { DomainEvent(name: "qa.alert", subjectID: $0.roomID.uuidString, at: now) })
        }
    }
}
