import FluentKit
import Foundation
import LightboxDomain

/// `RotaRepository` on Fluent: one row per assignment.
struct FluentRotaRepository: RotaRepository {
    let context: RepositoryContext
    private var database: any Database { context.database }

    func get(_ id: UUID) async throws -> RotaAssignment? {
        try await RotaAssignmentModel.find(id, on: database).map(decode)
    }

    func list(from first: CalendarDate, to last: CalendarDate, roomID: UUID?, staffID: UUID?, limit: Int) async throws
        -> [RotaAssignment]
    {
        var rows = RotaAssignmentModel.query(on: database).filter(\.$day >= first.iso).filter(\.$day <= last.iso)
        if let roomID { rows = rows.filter(\.$roomID == roomID) }
        if let staffID { rows = rows.filter(\.$staffID == staffID) }
        let found = try await rows.sort(\.$day).sort(\.$sessionOrder).sort(\.$id)
            .limit(RepositoryContext.boundedLimit(limit)).all().map(decode)
        return found.sorted {
            ($0.day, $0.session, $0.roomName, $0.staffName) < ($1.day, $1.session, $1.roomName, $1.staffName)
        }
    }

    func insert(_ assignment: RotaAssignment) async throws {
        let model = RotaAssignmentModel()
        model.id = assignment.id
        model.day = assignment.day.iso
        model.sessionOrder = RotaSession.allCases.firstIndex(of: assignment.session) ?? 0
        model.roomID = assignment.roomID
        model.staffID = assignment.staffID
        model.document = try context.coder.encode(assignment)
        do {
            try await model.create(on: database)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw context.duplicate("rota assignment", "id \(assignment.id)")
        }
    }

    func delete(_ id: UUID) async throws {
        guard let model = try await RotaAssignmentModel.find(id, on: database) else {
            throw context.missing("rota assignment", "id \(id)")
        }
        try await model.delete(on: database)
    }

    private func decode(_ model: RotaAssignmentModel) throws -> RotaAssignment {
        try context.coder.decode(RotaAssignment.self, from: model.document, table: RotaAssignmentModel.schema)
    }
}
