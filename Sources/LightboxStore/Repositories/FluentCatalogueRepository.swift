import FluentKit
import Foundation
import LightboxDomain

/// `CatalogueRepository` on Fluent, keyed by exam code. `upsert` makes a repeated CSV import idempotent.
struct FluentCatalogueRepository: CatalogueRepository {
    let context: RepositoryContext
    private var database: any Database { context.database }

    func get(code: String) async throws -> CatalogueEntry? {
        try await CatalogueEntryModel.find(code, on: database).map(decode)
    }

    func list() async throws -> [CatalogueEntry] {
        try await CatalogueEntryModel.query(on: database).sort(\.$id).all().map(decode)
    }

    func upsert(_ entry: CatalogueEntry) async throws {
        let existing = try await CatalogueEntryModel.find(entry.code, on: database)
        let model = existing ?? CatalogueEntryModel()
        model.id = entry.code
        model.modality = entry.modality.rawValue
        model.document = try context.coder.encode(entry)
        if existing == nil {
            try await model.create(on: database)
        } else {
            try await model.update(on: database)
        }
    }

    private func decode(_ model: CatalogueEntryModel) throws -> CatalogueEntry {
        try context.coder.decode(CatalogueEntry.self, from: model.document, table: CatalogueEntryModel.schema)
    }
}
