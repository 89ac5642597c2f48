import Foundation

/// Finds patients, studies, series or instances in the archive's index (C-FIND, QIDO-RS, and the instances a
/// C-MOVE, C-GET or WADO-RS retrieves), audited as `archive.query` with who asked (the user, or the calling AE
/// title), the level, the matching keys, and the patients and studies answered.
public struct QueryArchive: Sendable {
    public typealias Command = ArchiveQuery

    /// The most records one query returns (PS3.18 §8.3.4.4 lets the origin server cap `limit`); a C-FIND wanting
    /// more gets them in pages from the DICOM door.
    public static let maximumLimit = 10_000
    /// How many patient IDs and study UIDs an audit entry names before it counts the rest.
    public static let auditedIdentifiers = 50

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    /// Runs the query; `purpose` says why in the audit entry ("C-FIND", "QIDO-RS", "C-MOVE to PACS2"…).
    public func callAsFunction(_ command: Command, purpose: String, by actor: Actor) async throws -> [ArchiveRecord] {
        try environment.policy.require(actor, .viewImages)
        guard (1...Self.maximumLimit).contains(command.limit) else {
            throw DomainError(
                .validationFailed, "Ask for between 1 and \(Self.maximumLimit) records.",
                fields: [FieldProblem("limit", "must be 1 to \(Self.maximumLimit)")])
        }
        guard command.offset >= 0 else {
            throw DomainError(
                .validationFailed, "The offset cannot be negative.",
                fields: [FieldProblem("offset", "must be 0 or more")])
        }
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            let found = try await unit.archiveQueries.find(command)
            try await unit.record(
                actor, "archive.query", patientID: nil, examID: nil, at: now,
                Self.auditDetail(command, purpose: purpose, found: found))
            return found
        }
    }

    static func auditDetail(_ query: ArchiveQuery, purpose: String, found: [ArchiveRecord]) -> String {
        let matching = query.keys.filter { !$0.match.isUniversal }.map { key in
            let name = ArchiveAttributes.attribute(key.tag)?.keyword ?? String(key.tag, radix: 16)
            return "\(name) \(describe(key.match))"
        }
        var detail = "\(purpose) at \(query.level.rawValue) level"
        detail += matching.isEmpty ? ", no matching keys" : " matching " + matching.joined(separator: ", ")
        detail += ": \(found.count) found"
        for (label, tag) in [
            ("patients", ArchiveAttributes.patientID), ("studies", ArchiveAttributes.studyInstanceUID),
        ] {
            var seen: Set<String> = []
            let values = found.compactMap { $0[tag] }.filter { !$0.isEmpty && seen.insert($0).inserted }
            guard !values.isEmpty else { continue }
            let named = values.prefix(auditedIdentifiers).joined(separator: ", ")
            let more = values.count > auditedIdentifiers ? " and \(values.count - auditedIdentifiers) more" : ""
            detail += "; \(label) \(named)\(more)"
        }
        return detail
    }

    private static func describe(_ match: AttributeMatch) -> String {
        switch match {
        case .universal: "(any)"
        case .single(let value): "= \(value)"
        case .wildcard(let pattern): "like \(pattern)"
        case .anyOf(let values): "in \(values.joined(separator: "\\"))"
        case .range(let lower, let upper): "from \(lower ?? "(open)") to \(upper ?? "(open)")"
        case .sequence(let keys):
            "with item "
                + keys.map { (ArchiveAttributes.attribute($0.tag)?.keyword ?? "\($0.tag)") + " " + describe($0.match) }
                .joined(separator: ", ")
        }
    }
}
