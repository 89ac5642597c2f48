import Foundation

/// Archives one received instance: C-STORE (PS3.4 Annex B) and STOW-RS (PS3.18 §10.5) both run it.
///
/// The door stages the bytes (``ImageStore/stage()``) and passes the finished ``StagedImage``.
/// This use case reads and checks the data set, publishes the file under its content address
/// (data and folder synced), then writes the index rows and the audit entry in one transaction;
/// only when that has committed does it return, and only then may the door answer Success.
/// On any failure the staged file is discarded and the index is left exactly as it was.
public struct ArchiveInstance: Sendable {
    public struct Command: Sendable, Equatable {
        public var staged: StagedImage
        /// The SOP Class and Instance UIDs the sender announced (C-STORE command set), checked
        /// against the data set's; nil when the door has none (STOW-RS).
        public var declaredSOPClassUID: String?
        public var declaredSOPInstanceUID: String?

        public init(staged: StagedImage, declaredSOPClassUID: String? = nil, declaredSOPInstanceUID: String? = nil) {
            self.staged = staged
            self.declaredSOPClassUID = declaredSOPClassUID
            self.declaredSOPInstanceUID = declaredSOPInstanceUID
        }
    }

    /// What happened to the instance (the door turns it into a DIMSE status or a STOW-RS answer).
    public enum Disposition: String, Sendable, Codable, Equatable {
        /// Newly archived.
        case stored
        /// Already archived with the same bytes: nothing duplicated.
        case alreadyArchived = "already-archived"
        /// Already archived with different bytes; the archived instance was kept (policy `keep`).
        case duplicateKept = "duplicate-kept"
        /// Already archived with different bytes; replaced by the new ones (policy `replace`).
        case replaced
    }

    public struct Result: Sendable, Equatable {
        public var disposition: Disposition
        public var instance: ArchivedInstance
        public var study: ArchivedStudy
    }

    /// Attempts of the index transaction when another writer inserted the same row first.
    static let attempts = 4

    let environment: ArchiveEnvironment

    public init(_ environment: ArchiveEnvironment) {
        self.environment = environment
    }

    /// Throws `archive.out-of-resources` when the image folder is below its free-space threshold.
    /// Doors call it before receiving the bytes, so a full disk refuses at once (0xA700).
    public func checkCapacity() throws {
        let available: Int64
        do {
            available = try environment.images.availableBytes()
        } catch {
            throw DomainError(.archiveOutOfResources, "The image store cannot tell its free space: \(error).")
        }
        let minimum = environment.configuration.minimumFreeBytes
        guard available >= minimum else {
            throw DomainError(
                .archiveOutOfResources,
                "The image store has \(available) bytes free, below the \(minimum) bytes it keeps in reserve.")
        }
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Result {
        let images = environment.images
        let staged = command.staged
        let attributes: InstanceAttributes
        do {
            try environment.department.policy.require(actor, .storeImages)
            attributes = try checkedAttributes(command)
            try checkCapacity()
        } catch {
            images.discard(staged)
            throw error
        }
        // Already archived? Then the bytes need not be published at all.
        if let existing = try await environment.department.store.transaction({
            try await $0.archive.instance(sopInstanceUID: attributes.sopInstanceUID)
        }), existing.imageKey == staged.key || environment.configuration.duplicatePolicy == .keep {
            images.discard(staged)
            return try await recordDuplicate(existing, attributes: attributes, key: staged.key, by: actor)
        }
        let key: ImageKey
        do {
            key = try await images.publish(staged)
        } catch {
            images.discard(staged)
            throw DomainError(.archiveOutOfResources, "The image could not be written to the image store: \(error).")
        }
        var lastError: (any Error)?
        for _ in 0..<Self.attempts {
            do {
                let (result, obsolete) = try await index(attributes, key: key, size: staged.sizeBytes, by: actor)
                if let obsolete, obsolete != key { try? await images.remove(obsolete) }
                return result
            } catch let error as DomainError where error.code == .duplicate {
                // Another association inserted the same instance, series, study or patient first:
                // run again against what it committed.
                lastError = error
            } catch let error as DomainError where error.code == .invalidInstance {
                // Refused by the index (a series of another study): no row points to the file.
                try? await images.remove(key)
                throw error
            }
        }
        throw lastError ?? DomainError(.duplicate, "The instance could not be indexed.")
    }

    /// Reads the staged data set and refuses it when unreadable, lacking UIDs, carrying invalid
    /// ones, or not the instance the sender announced.
    private func checkedAttributes(_ command: Command) throws -> InstanceAttributes {
        let attributes = try environment.reader.attributes(
            of: command.staged, readingDose: environment.configuration.captureDose)
        let problems = attributes.problems
        guard problems.isEmpty else {
            throw DomainError.problems(
                problems, fallback: .invalidInstance,
                message: "The instance cannot be archived: "
                    + problems.map { "\($0.field) \($0.problem)" }.joined(separator: "; ") + ".")
        }
        var mismatches: [FieldProblem] = []
        if let declared = command.declaredSOPInstanceUID, declared != attributes.sopInstanceUID {
            mismatches.append(FieldProblem("SOPInstanceUID", "is not the Affected SOP Instance UID \(declared)"))
        }
        if let declared = command.declaredSOPClassUID, declared != attributes.sopClassUID {
            mismatches.append(FieldProblem("SOPClassUID", "is not the Affected SOP Class UID \(declared)"))
        }
        guard mismatches.isEmpty else {
            throw DomainError(
                .invalidInstance,
                "The data set is not the instance announced: "
                    + mismatches.map { "\($0.field) \($0.problem)" }.joined(separator: "; ") + ".",
                fields: mismatches)
        }
        return attributes
    }

    /// Audits a duplicate that changes nothing (same bytes, or different bytes kept by policy).
    private func recordDuplicate(
        _ existing: ArchivedInstance, attributes: InstanceAttributes, key: ImageKey, by actor: Actor
    ) async throws -> Result {
        let now = environment.department.clock.now()
        let identical = existing.imageKey == key
        return try await environment.department.store.transaction { unit in
            guard let study = try await unit.archive.study(id: existing.studyID) else {
                throw DomainError.notFound("archived study", existing.studyID)
            }
            let action = identical ? "image.stored-again" : "image.duplicate-kept"
            let detail =
                identical
                ? "Instance \(existing.sopInstanceUID) of study \(study.studyInstanceUID) received again from "
                    + "\(actor.username) with the same bytes; nothing duplicated."
                : "Instance \(existing.sopInstanceUID) of study \(study.studyInstanceUID) received from "
                    + "\(actor.username) with different bytes (sha256 \(key)); the archived instance was kept "
                    + "(duplicate policy keep)."
            try await unit.record(
                actor, action, patientID: study.patientRecordID, examID: study.examID, at: now, detail)
            return Result(
                disposition: identical ? .alreadyArchived : .duplicateKept, instance: existing, study: study)
        }
    }

    /// Writes the index rows and the audit entry in one transaction. Returns the result and, after a
    /// replacement, the key of the file no row points to any more.
    private func index(
        _ a: InstanceAttributes, key: ImageKey, size: Int64, by actor: Actor
    ) async throws -> (Result, ImageKey?) {
        let environment = self.environment
        let now = environment.department.clock.now()
        let ids = environment.department.ids
        let policy = environment.configuration.duplicatePolicy
        return try await environment.department.store.transaction { unit in
            if let existing = try await unit.archive.instance(sopInstanceUID: a.sopInstanceUID) {
                guard let study = try await unit.archive.study(id: existing.studyID) else {
                    throw DomainError.notFound("archived study", existing.studyID)
                }
                if existing.imageKey == key || policy == .keep {
                    let identical = existing.imageKey == key
                    try await unit.record(
                        actor, identical ? "image.stored-again" : "image.duplicate-kept",
                        patientID: study.patientRecordID, examID: study.examID, at: now,
                        "Instance \(a.sopInstanceUID) of study \(study.studyInstanceUID) received again from "
                            + "\(actor.username)"
                            + (identical ? " with the same bytes; nothing duplicated." : " with different bytes; kept.")
                    )
                    // The published file of a kept duplicate is referenced by nothing: the caller removes it.
                    return (
                        Result(
                            disposition: identical ? .alreadyArchived : .duplicateKept, instance: existing,
                            study: study), identical ? nil : key
                    )
                }
                var replaced = existing
                replaced.imageKey = key
                replaced.sizeBytes = size
                replaced.sopClassUID = a.sopClassUID
                replaced.instanceNumber = a.instanceNumber
                replaced.contentDate = a.contentDate
                replaced.contentTime = a.contentTime
                replaced.rows = a.rows
                replaced.columns = a.columns
                replaced.numberOfFrames = a.numberOfFrames
                replaced.transferSyntaxUID = a.transferSyntaxUID
                replaced.specificCharacterSet = a.specificCharacterSet
                replaced.source = actor.username
                replaced.storedAt = now
                try await unit.archive.update(replaced)
                try await unit.archive.refreshAggregates(studyID: study.id)
                try await unit.record(
                    actor, "image.replaced", patientID: study.patientRecordID, examID: study.examID, at: now,
                    "Instance \(a.sopInstanceUID) of study \(study.studyInstanceUID) replaced with different bytes "
                        + "from \(actor.username) (duplicate policy replace; sha256 \(existing.imageKey) → \(key)).")
                let refreshed = try await unit.archive.study(id: study.id) ?? study
                if let dose = a.dose {
                    try await Self.captureDose(
                        dose, study: refreshed, environment: environment.department, unit: unit, actor: actor, at: now)
                }
                return (Result(disposition: .replaced, instance: replaced, study: refreshed), existing.imageKey)
            }
            let patient = try await Self.patientRow(a, unit: unit, ids: ids, now: now)
            var study: ArchivedStudy
            if let known = try await unit.archive.study(studyInstanceUID: a.studyInstanceUID) {
                study = known
            } else {
                // The exam by its accession number, else by the Study Instance UID assigned at booking.
                var exam: Exam?
                if let accession = a.accessionNumber, !accession.isEmpty {
                    exam = try await unit.exams.find(accessionNumber: accession)
                }
                if exam == nil {
                    exam = try await unit.exams.find(studyInstanceUID: a.studyInstanceUID)
                }
                let examPatient = try await exam.asyncMap { try await unit.patients.get($0.patientID) } ?? nil
                let decision = StudyMatching.decide(a, exam: exam, patient: examPatient)
                study = ArchivedStudy(
                    id: ids.next(), archivedPatientID: patient.id, studyInstanceUID: a.studyInstanceUID,
                    studyDate: a.studyDate, studyTime: a.studyTime, accessionNumber: a.accessionNumber,
                    studyID: a.studyID, studyDescription: a.studyDescription,
                    referringPhysicianName: a.referringPhysicianName, examID: decision.examID,
                    patientRecordID: decision.patientRecordID, matchStatus: decision.status,
                    matchDetail: decision.detail, createdAt: now, updatedAt: now)
                study.sequences = a.sequences(at: .study)
                try await unit.archive.insert(study)
                try await unit.record(
                    actor, decision.status.awaitsReconciliation ? "image.study-unmatched" : "image.study-matched",
                    patientID: study.patientRecordID, examID: study.examID, at: now,
                    "Study \(a.studyInstanceUID) from \(actor.username): \(decision.detail)")
            }
            var series: ArchivedSeries
            if let known = try await unit.archive.series(seriesInstanceUID: a.seriesInstanceUID) {
                guard known.studyID == study.id else {
                    throw DomainError(
                        .invalidInstance,
                        "Series \(a.seriesInstanceUID) is archived in another study than \(a.studyInstanceUID).",
                        fields: [FieldProblem("SeriesInstanceUID", "belongs to another study")])
                }
                series = known
            } else {
                series = ArchivedSeries(
                    id: ids.next(), studyID: study.id, seriesInstanceUID: a.seriesInstanceUID, modality: a.modality,
                    seriesNumber: a.seriesNumber, seriesDescription: a.seriesDescription, seriesDate: a.seriesDate,
                    seriesTime: a.seriesTime, bodyPartExamined: a.bodyPartExamined, createdAt: now)
                series.sequences = a.sequences(at: .series)
                try await unit.archive.insert(series)
            }
            let instance = ArchivedInstance(
                id: ids.next(), seriesID: series.id, studyID: study.id, sopInstanceUID: a.sopInstanceUID,
                sopClassUID: a.sopClassUID, instanceNumber: a.instanceNumber, contentDate: a.contentDate,
                contentTime: a.contentTime, rows: a.rows, columns: a.columns, numberOfFrames: a.numberOfFrames,
                transferSyntaxUID: a.transferSyntaxUID, specificCharacterSet: a.specificCharacterSet, imageKey: key,
                sizeBytes: size, source: actor.username, storedAt: now)
            try await unit.archive.insert(instance)
            try await unit.archive.refreshAggregates(studyID: study.id)
            try await unit.record(
                actor, "image.stored", patientID: study.patientRecordID, examID: study.examID, at: now,
                "Instance \(a.sopInstanceUID) (\(a.modality ?? "no modality")) of study \(a.studyInstanceUID), "
                    + "patient \(a.patientID), stored from \(actor.username).")
            study = try await unit.archive.study(id: study.id) ?? study
            if let dose = a.dose {
                try await Self.captureDose(
                    dose, study: study, environment: environment.department, unit: unit, actor: actor, at: now)
            }
            return (Result(disposition: .stored, instance: instance, study: study), nil)
        }
    }

    /// The patient row for the images' Patient ID and issuer: found, or created.
    private static func patientRow(
        _ a: InstanceAttributes, unit: any UnitOfWork, ids: any IDGenerator, now: Date
    ) async throws -> ArchivedPatient {
        let issuer = a.issuerOfPatientID ?? ""
        if let known = try await unit.archive.patient(patientID: a.patientID, issuerOfPatientID: issuer) {
            return known
        }
        let patient = ArchivedPatient(
            id: ids.next(), patientID: a.patientID, issuerOfPatientID: issuer, patientName: a.patientName,
            patientBirthDate: a.patientBirthDate, patientSex: a.patientSex, createdAt: now, updatedAt: now)
        try await unit.archive.insert(patient)
        return patient
    }
}
