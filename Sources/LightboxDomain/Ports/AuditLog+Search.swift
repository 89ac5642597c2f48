import Foundation

extension AuditLog {
    /// A search by reading the whole log in pages (for logs without an index: test doubles). Stores answer it with
    /// one query.
    public func search(_ query: AuditQuery) async throws -> [AuditEntry] {
        var found: [AuditEntry] = []
        var after: Int64?
        while true {
            let page = try await entries(patientID: query.patientID, examID: nil, afterSequence: after, limit: 1000)
            found += page.filter(query.matches)
            guard let last = page.last, page.count == 1000 else { break }
            after = last.sequence
        }
        return Array(found.sorted { $0.sequence > $1.sequence }.prefix(max(0, query.limit)))
    }
}
