import FluentKit
import Foundation

/// A catalogue row, keyed by the exam code.
final class CatalogueEntryModel: Model, @unchecked Sendable {
    static let schema = "catalogue_entries"

    @ID(custom: "code", generatedBy: .user) var id: String?
    @Field(key: "modality") var modality: String
    @Field(key: "document") var document: String

    init() {}
}
