import Foundation

/// The archived instances a retrieve asks for (C-MOVE, C-GET, WADO-RS): those under the records an
/// ``ArchiveQuery`` matches, with where their bytes are. Audited as `archive.retrieve` with who asked (the user, or
/// the calling AE title), what for (`purpose`: "C-MOVE to PACS2", "WADO-RS"), and the patients and studies sent.
public struct RetrieveInstances: Sendable {
    /// The most instances one retrieve sends (a C-MOVE's sub-operation counts are 16-bit, PS3.7 §9.1.4).
    public static let maximumInstances = 65_535

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ query: ArchiveQuery, purpose: String, by actor: Actor) async throws
        -> [ArchivedInstanceFile]
    {
        try environment.policy.require(actor, .viewImages)
        // A retrieve names what to send by unique keys (PS3.4 §C.4.2.1.4); an identifier with none would send the
        // whole archive.
        let uniqueKeys = [
            ArchiveAttributes.patientID, ArchiveAttributes.studyInstanceUID, ArchiveAttributes.seriesInstanceUID,
            ArchiveAttributes.sopInstanceUID,
        ]
        guard query.keys.contains(where: { uniqueKeys.contains($0.tag) && !$0.match.isUniversal }) else {
            throw DomainError(
                .validationFailed,
                "A retrieve names the patient, studies, series or instances to send by their IDs or UIDs.",
                fields: [FieldProblem("identifier", "no Patient ID or Study, Series or SOP Instance UID given")])
        }
        var bounded = query
        bounded.limit = Self.maximumInstances + 1
        bounded.offset = 0
        let now = environment.clock.now()
        let request = bounded
        return try await environment.store.transaction { unit in
            let files = try await unit.archiveQueries.instanceFiles(request)
            guard files.count <= Self.maximumInstances else {
                throw DomainError(
                    .validationFailed,
                    "The retrieve matches more than \(Self.maximumInstances) instances; retrieve fewer studies or series at a time.",
                    fields: [FieldProblem("identifier", "matches more than \(Self.maximumInstances) instances")])
            }
            try await unit.record(
                actor, "archive.retrieve", patientID: nil, examID: nil, at: now,
                Self.auditDetail(purpose: purpose, files: files))
            return files
        }
    }

    static func auditDetail(purpose: String, files: [ArchivedInstanceFile]) -> String {
        var detail = "\(purpose): \(files.count) instance\(files.count == 1 ? "" : "s")"
        for (label, values) in [("patients", files.map(\.patientID)), ("studies", files.map(\.studyInstanceUID))] {
            var seen: Set<String> = []
            let distinct = values.filter { seen.insert($0).inserted }
            guard !distinct.isEmpty else { continue }
            let limit = QueryArchive.auditedIdentifiers
            let more = distinct.count > limit ? " and \(distinct.count - limit) more" : ""
            detail += "; \(label) \(distinct.prefix(limit).joined(separator: ", "))\(more)"
        }
        return detail
    }
}
