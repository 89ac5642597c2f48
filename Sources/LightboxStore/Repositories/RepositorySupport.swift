import FluentKit
import Foundation
import LightboxDomain

/// What the repositories share: the transaction's connection and the document coder.
struct RepositoryContext: Sendable {
    let database: any Database
    let engine: LightboxDatabase.Engine
    let coder = DocumentCoder()
    /// The exams this unit of work wrote, published once it commits (nil outside a unit of work).
    var changes: ExamChangeRecorder? = nil

    func duplicate(_ what: String, _ key: CustomStringConvertible) -> DomainError {
        DomainError(.duplicate, "A \(what) with \(key) is already recorded.")
    }

    func missing(_ what: String, _ key: CustomStringConvertible) -> DomainError {
        DomainError(.notFound, "No \(what) with \(key) was found.")
    }

    /// Bounds a caller-supplied limit so one query can never load an unbounded number of rows.
    static func boundedLimit(_ limit: Int, maximum: Int = 5_000) -> Int {
        min(max(limit, 1), maximum)
    }
}
