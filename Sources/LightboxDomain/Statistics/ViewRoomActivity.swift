import Foundation

/// Exams performed per room in a period. No patient is named, so reading it is not audited.
public struct ViewRoomActivity: Sendable {
    public typealias Command = StatisticsPeriod

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ period: Command, by actor: Actor) async throws -> RoomActivityReport {
        try environment.policy.require(actor, .viewStatistics)
        return try await environment.store.transaction { unit in
            let tallies = try await unit.statistics.performed(in: period)
            let rooms = try await unit.rooms.list()
            return Self.report(tallies, period: period, rooms: rooms)
        }
    }

    /// Every room of the department (idle ones too, with no exams), then any room no longer listed.
    public static func report(_ tallies: [PerformedTally], period: StatisticsPeriod, rooms: [Room])
        -> RoomActivityReport
    {
        let byRoom = Dictionary(grouping: tallies, by: \.roomID)
        var ids: [UUID?] = rooms.sorted { $0.name < $1.name }.map(\.id)
        ids += byRoom.keys.filter { key in !ids.contains(key) }.sorted {
            ($0?.uuidString ?? "~") < ($1?.uuidString ?? "~")
        }
        let names = Dictionary(uniqueKeysWithValues: rooms.map { ($0.id, $0.name) })
        let rows = ids.map { id -> RoomActivityReport.Row in
            let tallies = byRoom[id] ?? []
            let modalities = Dictionary(grouping: tallies, by: \.modality)
                .map { modality, tallies in
                    RoomActivityReport.ModalityCount(
                        modality: modality, label: StatisticsWords.modality(modality),
                        exams: tallies.reduce(0) { $0 + $1.exams })
                }
                .sorted { $0.modality.rawValue < $1.modality.rawValue }
            return RoomActivityReport.Row(
                roomID: id, name: id.flatMap { names[$0] } ?? "Room not recorded",
                exams: tallies.reduce(0) { $0 + $1.exams },
                imagesAcquired: tallies.reduce(0) { $0 + $1.imagesAcquired },
                byModality: modalities)
        }
        return RoomActivityReport(
            from: period.from, before: period.before, exams: tallies.reduce(0) { $0 + $1.exams }, rooms: rows)
    }
}
