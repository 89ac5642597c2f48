import FluentKit
import Foundation
import LightboxDomain

/// `IncidentRepository` on Fluent: one row per incident, its filters kept in columns.
struct FluentIncidentRepository: IncidentRepository {
    let context: RepositoryContext
    private var database: any Database { context.database }

    func get(_ id: UUID) async throws -> Incident? {
        try await IncidentModel.find(id, on: database).map(decode)
    }

    func list(_ query: IncidentQuery) async throws -> [Incident] {
        var rows = IncidentModel.query(on: database)
        if let status = query.status { rows = rows.filter(\.$status == status.rawValue) }
        if let kind = query.kind { rows = rows.filter(\.$kind == kind.rawValue) }
        if let category = query.category { rows = rows.filter(\.$category == category) }
        if let roomID = query.roomID { rows = rows.filter(\.$roomID == roomID) }
        if let patientID = query.patientID { rows = rows.filter(\.$patientID == patientID) }
        if let examID = query.examID { rows = rows.filter(\.$examID == examID) }
        if let saueCaseID = query.saueCaseID { rows = rows.filter(\.$saueCaseID == saueCaseID) }
        if let from = query.from { rows = rows.filter(\.$occurredAt >= from) }
        if let to = query.to { rows = rows.filter(\.$occurredAt < to) }
        return try await rows.sort(\.$occurredAt, .descending).sort(\.$id)
            .limit(RepositoryContext.boundedLimit(query.limit)).all().map(decode)
    }

    func insert(_ incident: Incident) async throws {
        let model = IncidentModel()
        model.id = incident.id
        try fill(model, incident)
        do {
            try await model.create(on: database)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw context.duplicate("incident", "id \(incident.id)")
        }
    }

    func update(_ incident: Incident) async throws {
        guard let model = try await IncidentModel.find(incident.id, on: database) else {
            throw context.missing("incident", "id \(incident.id)")
        }
        try fill(model, incident)
        try await model.update(on: database)
    }

    private func fill(_ model: IncidentModel, _ incident: Incident) throws {
        model.kind = incident.kind.rawValue
        model.category = incident.category
        model.status = incident.status.rawValue
        model.occurredAt = incident.occurredAt
        model.reportedAt = incident.reportedAt
        model.roomID = incident.roomID
        model.examID = incident.examID
        model.patientID = incident.patientID
        model.saueCaseID = incident.saueCaseID
        model.document = try context.coder.encode(incident)
    }

    private func decode(_ model: IncidentModel) throws -> Incident {
        try context.coder.decode(Incident.self, from: model.document, table: IncidentModel.schema)
    }
}
