import Foundation

/// A de-identified copy of archived images for someone outside the department, typically a referrer asking for a
/// second opinion (PS3.15 Annex E, Basic Application Level Confidentiality Profile, applied by the archive's
/// ``InstanceDeidentifier``). Even de-identified, pixels can identify a patient, so the copy is a disclosure: it
/// needs the `exportImages` permission, a named recipient and a purpose, and it is audited (`image.disclosed`)
/// with who sent what to whom and why, and the new study UIDs the recipient will see, before any byte leaves.
public struct ExportDeidentifiedImages: Sendable {
    public struct Command: Sendable, Equatable {
        public var studyInstanceUID: String
        /// One series of the study (nil: the whole study).
        public var seriesInstanceUID: String?
        /// One instance of the series (nil: the whole series or study).
        public var sopInstanceUID: String?
        /// Who receives the copy ("Dr A Jones, Royal Infirmary orthopaedics").
        public var recipient: String
        /// Why it is sent ("second opinion on the fracture").
        public var purpose: String

        public init(
            studyInstanceUID: String, seriesInstanceUID: String? = nil, sopInstanceUID: String? = nil,
            recipient: String, purpose: String
        ) {
            self.studyInstanceUID = studyInstanceUID
            self.seriesInstanceUID = seriesInstanceUID
            self.sopInstanceUID = sopInstanceUID
            self.recipient = recipient
            self.purpose = purpose
        }
    }

    /// The most instances one export copies (each is held in memory while the download is built).
    public static let maximumInstances = 2_000
    /// The longest recipient or purpose kept.
    public static let maximumTextLength = 200

    let environment: ArchiveEnvironment

    public init(_ environment: ArchiveEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> [DeidentifiedInstance] {
        let department = environment.department
        try department.policy.require(actor, .exportImages)
        var problems: [FieldProblem] = []
        let recipient = command.recipient.trimmingCharacters(in: .whitespacesAndNewlines)
        let purpose = command.purpose.trimmingCharacters(in: .whitespacesAndNewlines)
        if recipient.isEmpty { problems.append(FieldProblem("recipient", "say who receives the images")) }
        if purpose.isEmpty { problems.append(FieldProblem("purpose", "say why the images are sent")) }
        if recipient.count > Self.maximumTextLength {
            problems.append(FieldProblem("recipient", "must be at most \(Self.maximumTextLength) characters"))
        }
        if purpose.count > Self.maximumTextLength {
            problems.append(FieldProblem("purpose", "must be at most \(Self.maximumTextLength) characters"))
        }
        var keys: [ArchiveQueryKey] = []
        for (field, tag, value) in [
            ("study", ArchiveAttributes.studyInstanceUID, Optional(command.studyInstanceUID)),
            ("series", ArchiveAttributes.seriesInstanceUID, command.seriesInstanceUID),
            ("instance", ArchiveAttributes.sopInstanceUID, command.sopInstanceUID),
        ] {
            guard let value else { continue }
            if AttributeMatch.isValidUID(value) {
                keys.append(ArchiveQueryKey(tag: tag, match: .single(value)))
            } else {
                problems.append(FieldProblem(field, "must be a UID"))
            }
        }
        if command.sopInstanceUID != nil && command.seriesInstanceUID == nil {
            problems.append(FieldProblem("series", "name the series of the instance"))
        }
        guard problems.isEmpty else {
            throw DomainError(
                .validationFailed,
                "The export cannot be made: " + problems.map(\.problem).joined(separator: "; ") + ".",
                fields: problems)
        }
        guard let deidentifier = environment.deidentifier else {
            throw DomainError(.validationFailed, "This archive is not set up to make de-identified copies.")
        }
        let level: ArchiveQueryLevel =
            command.sopInstanceUID != nil ? .image : command.seriesInstanceUID != nil ? .series : .study
        var query = ArchiveQuery(level: level, keys: keys, limit: Self.maximumInstances + 1)
        query.offset = 0
        let request = query
        let files = try await department.store.transaction { unit in
            try await unit.archiveQueries.instanceFiles(request)
        }
        guard !files.isEmpty else {
            throw DomainError(.notFound, "The archive holds no images with these UIDs.")
        }
        guard files.count <= Self.maximumInstances else {
            throw DomainError(
                .validationFailed,
                "The export would copy more than \(Self.maximumInstances) images; export one series at a time.",
                fields: [FieldProblem("series", "choose one series")])
        }
        let copies = try deidentifier.deidentify(files, at: files.map { environment.images.location(of: $0.imageKey) })
        let now = department.clock.now()
        let originals = Self.distinct(files.map(\.studyInstanceUID))
        let renamed = Self.distinct(copies.map(\.studyInstanceUID))
        try await department.store.transaction { unit in
            var patientRecord: UUID?
            var examID: UUID?
            if let study = try await unit.archive.study(studyInstanceUID: command.studyInstanceUID) {
                examID = study.examID
                patientRecord = study.patientRecordID
                if patientRecord == nil, let exam = study.examID {
                    patientRecord = try await unit.exams.get(exam)?.patientID
                }
            }
            try await unit.record(
                actor, "image.disclosed", patientID: patientRecord, examID: examID, at: now,
                "Sent \(copies.count) image\(copies.count == 1 ? "" : "s") de-identified by the PS3.15 Annex E basic "
                    + "profile to \(recipient) for \(purpose): patients \(Self.distinct(files.map(\.patientID)).joined(separator: ", ")); "
                    + "studies \(originals.joined(separator: ", ")) sent as \(renamed.joined(separator: ", ")).")
        }
        return copies
    }

    static func distinct(_ values: [String]) -> [String] {
        var seen: Set<String> = []
        return values.filter { seen.insert($0).inserted }
    }
}
