import Foundation

/// Every alert still waiting for someone, most urgent first: out-of-range observations not yet
/// acknowledged by the supervising radiographer, and verified reports' alerts not yet acknowledged
/// by the referrer's team, with their escalation level. Reading it is audited ("alerts.read"),
/// since it shows patients' records.
public struct ListOpenAlerts: Sendable {
    /// The most exams one read looks through.
    public static let limit = 1000

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(by actor: Actor) async throws -> Outcome<[OpenAlert]> {
        try environment.policy.require(actor, .viewExams)
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            let configuration = try await environment.configuration(at: now, in: unit)
            // Only the exams with an open alert (an indexed column), not every exam in these states: a day's
            // verified reports are thousands, their open alerts a handful.
            let exams = try await unit.exams.list(
                ExamQuery(
                    states: Array(RecordVitalSigns.states) + [.discharged, .reportVerified], limit: Self.limit,
                    openAlert: true))
            var alerts = exams.flatMap { Self.alerts(of: $0, configuration: configuration, now: now) }
            alerts.sort { ($0.urgent ? 0 : 1, $0.raisedAt) < ($1.urgent ? 0 : 1, $1.raisedAt) }
            try await unit.record(
                actor, "alerts.read", patientID: nil, examID: nil, at: now, "Read \(alerts.count) open alerts")
            return Outcome(alerts, events: [])
        }
    }

    /// The open alerts of one exam: its unacknowledged observations, and its verified report's alert until the
    /// referrer's team acknowledges it, with its escalation level at `now`.
    public static func alerts(of exam: Exam, configuration: DepartmentConfiguration, now: Date) -> [OpenAlert] {
        let escalation = AlertEscalation(configuration: configuration)
        var alerts: [OpenAlert] = []
        for alert in exam.vitalSignsAlerts where alert.isOpen {
            alerts.append(
                OpenAlert(
                    kind: .vitalSigns, examID: exam.id, patientID: exam.patientID,
                    accessionNumber: exam.accessionNumber, examName: exam.examName, alertID: alert.id,
                    category: nil, urgent: alert.urgent,
                    summary: "NEWS2 \(alert.news2Score): " + alert.findings.joined(separator: "; "),
                    raisedAt: alert.raisedAt, addressedTo: alert.addressedTo, referrerID: nil,
                    escalatesAt: nil, escalationLevel: 0))
        }
        if let report = exam.report, let category = report.alert, report.alertAcknowledgedAt == nil,
            let verifiedAt = report.verifiedAt
        {
            let level = escalation.level(category, from: verifiedAt, now: now)
            alerts.append(
                OpenAlert(
                    kind: .reportAlert, examID: exam.id, patientID: exam.patientID,
                    accessionNumber: exam.accessionNumber, examName: exam.examName, alertID: nil,
                    category: category, urgent: category == .critical || category == .urgent,
                    summary: "\(category.rawValue) report not yet acknowledged by the referrer's team",
                    raisedAt: verifiedAt, addressedTo: nil, referrerID: exam.referrerID,
                    escalatesAt: escalation.due(category, from: verifiedAt, level: level + 1),
                    escalationLevel: level))
        }
        return alerts
    }
}
