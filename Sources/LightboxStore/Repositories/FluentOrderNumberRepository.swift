import FluentKit
import Foundation
import LightboxDomain

/// `OrderNumberRepository` on Fluent.
struct FluentOrderNumberRepository: OrderNumberRepository {
    let context: RepositoryContext
    private var database: any Database { context.database }

    func examID(placerOrderNumber: String) async throws -> UUID? {
        try await OrderNumberModel.find(placerOrderNumber, on: database)?.examID
    }

    func insert(placerOrderNumber: String, examID: UUID) async throws {
        guard try await OrderNumberModel.find(placerOrderNumber, on: database) == nil else {
            throw context.duplicate("order", "placer order number \(placerOrderNumber)")
        }
        let model = OrderNumberModel()
        model.id = placerOrderNumber
        model.examID = examID
        try await model.create(on: database)
    }
}
