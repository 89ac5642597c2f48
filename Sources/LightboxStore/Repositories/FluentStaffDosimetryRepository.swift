import FluentKit
import Foundation
import LightboxDomain

/// `StaffDosimetryRepository` on Fluent.
struct FluentStaffDosimetryRepository: StaffDosimetryRepository {
    let context: RepositoryContext
    private var database: any Database { context.database }

    func readings(staffID: UUID?, limit: Int) async throws -> [DosemeterReading] {
        var query = DosemeterReadingModel.query(on: database)
        if let staffID { query = query.filter(\.$staffID == staffID) }
        return try await query.sort(\.$periodEnd, .descending).sort(\.$recordedAt, .descending)
            .limit(RepositoryContext.boundedLimit(limit)).all()
            .map {
                try context.coder.decode(DosemeterReading.self, from: $0.document, table: DosemeterReadingModel.schema)
            }
    }

    func insert(_ reading: DosemeterReading) async throws {
        let model = DosemeterReadingModel()
        model.id = reading.id
        model.staffID = reading.staffID
        model.periodEnd = reading.periodEnd.iso
        model.recordedAt = reading.recordedAt
        model.document = try context.coder.encode(reading)
        do {
            try await model.create(on: database)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw context.duplicate("dosemeter reading", "id \(reading.id)")
        }
    }

    func investigation(_ id: UUID) async throws -> StaffDoseInvestigation? {
        try await StaffDoseInvestigationModel.find(id, on: database).map(decode)
    }

    func investigations(openOnly: Bool, limit: Int) async throws -> [StaffDoseInvestigation] {
        var query = StaffDoseInvestigationModel.query(on: database)
        if openOnly { query = query.filter(\.$open == true) }
        return try await query.sort(\.$openedAt).sort(\.$id).limit(RepositoryContext.boundedLimit(limit)).all()
            .map(decode)
    }

    func insert(_ investigation: StaffDoseInvestigation) async throws {
        let model = StaffDoseInvestigationModel()
        model.id = investigation.id
        try fill(model, investigation)
        do {
            try await model.create(on: database)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw context.duplicate("staff dose investigation", "id \(investigation.id)")
        }
    }

    func update(_ investigation: StaffDoseInvestigation) async throws {
        guard let model = try await StaffDoseInvestigationModel.find(investigation.id, on: database) else {
            throw context.missing("staff dose investigation", "id \(investigation.id)")
        }
        try fill(model, investigation)
        try await model.update(on: database)
    }

    func classifications() async throws -> [ClassifiedWorker] {
        let changes = try await ClassifiedWorkerModel.query(on: database).sort(\.$changedAt).sort(\.$id)
            .limit(RepositoryContext.boundedLimit(50_000, maximum: 50_000)).all()
            .map {
                try context.coder.decode(ClassifiedWorker.self, from: $0.document, table: ClassifiedWorkerModel.schema)
            }
        var latest: [UUID: ClassifiedWorker] = [:]
        for change in changes { latest[change.staffID] = change }
        return latest.values.sorted { ($0.staffName, $0.staffID.uuidString) < ($1.staffName, $1.staffID.uuidString) }
    }

    func insert(_ classification: ClassifiedWorker) async throws {
        let model = ClassifiedWorkerModel()
        model.id = UUID()
        model.staffID = classification.staffID
        model.changedAt = classification.changedAt
        model.document = try context.coder.encode(classification)
        try await model.create(on: database)
    }

    private func fill(_ model: StaffDoseInvestigationModel, _ investigation: StaffDoseInvestigation) throws {
        model.staffID = investigation.staffID
        model.open = investigation.isOpen
        model.openedAt = investigation.openedAt
        model.document = try context.coder.encode(investigation)
    }

    private func decode(_ model: StaffDoseInvestigationModel) throws -> StaffDoseInvestigation {
        try context.coder.decode(
            StaffDoseInvestigation.self, from: model.document, table: StaffDoseInvestigationModel.schema)
    }
}
