import Foundation

/// Reject rates per room and operator for the exams performed in a period. Operators are named (staff, not
/// patients), so reading it is not audited.
public struct ViewRejectRates: Sendable {
    public typealias Command = StatisticsPeriod

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ period: Command, by actor: Actor) async throws -> RejectRateReport {
        try environment.policy.require(actor, .viewStatistics)
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            let configuration = try await environment.configuration(at: now, in: unit)
            let tallies = try await unit.statistics.performed(in: period)
            let rooms = Dictionary(uniqueKeysWithValues: try await unit.rooms.list().map { ($0.id, $0.name) })
            let staff = Dictionary(
                uniqueKeysWithValues: try await unit.staff.list().map { ($0.id, $0.displayName) })
            return Self.report(
                tallies, period: period, roomNames: rooms, staffNames: staff,
                targets: configuration.statisticsTargets)
        }
    }

    /// The report from the store's tallies, rooms and operators named.
    public static func report(
        _ tallies: [PerformedTally], period: StatisticsPeriod, roomNames: [UUID: String], staffNames: [UUID: String],
        targets: StatisticsTargets
    ) -> RejectRateReport {
        let low = targets.rejectRateLowPercent
        let high = targets.rejectRateHighPercent
        func rows(_ key: (PerformedTally) -> UUID?, _ name: (UUID?) -> String) -> [RejectRateReport.Row] {
            Dictionary(grouping: tallies, by: key)
                .map { RejectRateReport.row(id: $0.key, name: name($0.key), $0.value, low: low, high: high) }
                .sorted { ($0.name, $0.id?.uuidString ?? "") < ($1.name, $1.id?.uuidString ?? "") }
        }
        return RejectRateReport(
            from: period.from, before: period.before, lowPercent: low, highPercent: high,
            department: RejectRateReport.row(id: nil, name: "Whole department", tallies, low: low, high: high),
            rooms: rows(\.roomID) { id in id.flatMap { roomNames[$0] } ?? "Room not recorded" },
            operators: rows(\.operatorStaffID) { id in id.flatMap { staffNames[$0] } ?? "Operator not recorded" })
    }
}
