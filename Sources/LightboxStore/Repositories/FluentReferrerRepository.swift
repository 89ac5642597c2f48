import FluentKit
import Foundation
import LightboxDomain

/// `ReferrerRepository` on Fluent.
struct FluentReferrerRepository: ReferrerRepository {
    let context: RepositoryContext
    private var database: any Database { context.database }

    func get(_ id: UUID) async throws -> Referrer? {
        try await ReferrerModel.find(id, on: database).map(decode)
    }

    func find(registrationNumber: String) async throws -> Referrer? {
        try await ReferrerModel.query(on: database).filter(\.$registrationNumber == registrationNumber).first()
            .map(decode)
    }

    func list() async throws -> [Referrer] {
        try await ReferrerModel.query(on: database).all().map(decode)
            .sorted { ($0.name.family, $0.registrationNumber) < ($1.name.family, $1.registrationNumber) }
    }

    func insert(_ referrer: Referrer) async throws {
        guard try await ReferrerModel.find(referrer.id, on: database) == nil else {
            throw context.duplicate("referrer", "id \(referrer.id)")
        }
        guard try await find(registrationNumber: referrer.registrationNumber) == nil else {
            throw context.duplicate("referrer", "registration number \(referrer.registrationNumber)")
        }
        let model = ReferrerModel()
        model.id = referrer.id
        try fill(model, from: referrer)
        try await model.create(on: database)
    }

    func update(_ referrer: Referrer) async throws {
        guard let model = try await ReferrerModel.find(referrer.id, on: database) else {
            throw context.missing("referrer", "id \(referrer.id)")
        }
        if let holder = try await find(registrationNumber: referrer.registrationNumber), holder.id != referrer.id {
            throw context.duplicate("referrer", "registration number \(referrer.registrationNumber)")
        }
        try fill(model, from: referrer)
        try await model.update(on: database)
    }

    private func fill(_ model: ReferrerModel, from referrer: Referrer) throws {
        model.registrationNumber = referrer.registrationNumber
        model.document = try context.coder.encode(referrer)
    }

    private func decode(_ model: ReferrerModel) throws -> Referrer {
        try context.coder.decode(Referrer.self, from: model.document, table: ReferrerModel.schema)
    }
}
