import Foundation

/// The QA alerts for the physicist (DOMAIN.md "overdue and failed tests raise alerts"): for every room that takes
/// patients or is suspended by QA, each catalogue test of its modality that was never done, is past its frequency,
/// or whose latest result is beyond its remedial or suspension level. Failed first, then overdue, oldest first.
public struct ListQAAlerts: Sendable {
    /// Results read per room and test to find the latest.
    static let resultsPerTest = 1

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(by actor: Actor) async throws -> [QAAlert] {
        try environment.policy.require(actor, .viewEquipment)
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            try await Self.alerts(now: now, configuration: try await environment.configuration(at: now, in: unit), unit)
        }
    }

    static func alerts(now: Date, configuration: DepartmentConfiguration, _ unit: any UnitOfWork) async throws
        -> [QAAlert]
    {
        var failed: [QAAlert] = []
        var overdue: [QAAlert] = []
        for room in try await unit.rooms.list() {
            for test in configuration.qaTests where test.applies(to: room.modality) {
                let last = try await unit.qaResults.list(roomID: room.id, testCode: test.code, limit: resultsPerTest)
                    .first
                let due = last.map { $0.performedAt.addingTimeInterval(TimeInterval(test.frequency.days * 86_400)) }
                if let last, last.grade != .pass {
                    failed.append(
                        QAAlert(
                            kind: .failed, roomID: room.id, roomName: room.name, testCode: test.code,
                            testName: test.name, lastResultID: last.id, lastPerformedAt: last.performedAt,
                            lastGrade: last.grade, dueAt: due,
                            summary: "\(test.name) \(last.value.clean) \(last.unit): \(last.grade.label.lowercased())"
                                + (last.grade == .suspension ? "; the room is suspended until a pass" : "")))
                } else if due.map({ $0 < now }) ?? true {
                    overdue.append(
                        QAAlert(
                            kind: .overdue, roomID: room.id, roomName: room.name, testCode: test.code,
                            testName: test.name, lastResultID: last?.id, lastPerformedAt: last?.performedAt,
                            lastGrade: last?.grade, dueAt: due,
                            summary: last == nil
                                ? "\(test.frequency.label) test never recorded"
                                : "\(test.frequency.label) test overdue since \(due?.formatted(.iso8601) ?? "")"))
                }
            }
        }
        let order: (QAAlert, QAAlert) -> Bool = {
            ($0.dueAt ?? .distantPast, $0.roomName) < ($1.dueAt ?? .distantPast, $1.roomName)
        }
        return failed.sorted(by: order) + overdue.sorted(by: order)
    }
}
