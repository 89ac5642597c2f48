import Foundation

/// The exam catalogue, keyed by code (NICIP-style).
public protocol CatalogueRepository: Sendable {
    func get(code: String) async throws -> CatalogueEntry?
    func list() async throws -> [CatalogueEntry]
    /// Inserts the entry, or replaces the one with the same code.
    func upsert(_ entry: CatalogueEntry) async throws
}
