import Foundation

/// Storage commitment, PS3.4 Annex J: of the instances a peer asks the archive to keep, which it
/// holds (indexed with the same SOP class, its file present) and which it does not. Answered from
/// the index; audited per study concerned (`image.commitment`).
public struct CommitStorage: Sendable {
    /// One referenced instance (Referenced SOP Sequence item).
    public struct Reference: Sendable, Equatable, Hashable {
        public var sopClassUID: String
        public var sopInstanceUID: String
        public init(sopClassUID: String, sopInstanceUID: String) {
            self.sopClassUID = sopClassUID
            self.sopInstanceUID = sopInstanceUID
        }
    }

    /// Why an instance is not committed (PS3.4 J.3.2.2 Failure Reason).
    public enum FailureReason: Sendable, Equatable {
        /// Not in the archive: 0x0112 (no such object instance).
        case noSuchInstance
        /// Archived under another SOP class: 0x0119 (class-instance conflict).
        case classInstanceConflict
        /// Indexed but its file is missing: 0x0110 (processing failure).
        case processingFailure
    }

    public struct Result: Sendable, Equatable {
        public var committed: [Reference]
        public var failed: [(Reference, FailureReason)]

        public static func == (lhs: Result, rhs: Result) -> Bool {
            lhs.committed == rhs.committed && lhs.failed.map(\.0) == rhs.failed.map(\.0)
                && lhs.failed.map(\.1) == rhs.failed.map(\.1)
        }
    }

    /// The most references one request may carry (a bound on one transaction).
    public static let maximumReferences = 10_000

    let environment: ArchiveEnvironment

    public init(_ environment: ArchiveEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ references: [Reference], by actor: Actor) async throws -> Result {
        guard references.count <= Self.maximumReferences else {
            throw DomainError(
                .validationFailed, "At most \(Self.maximumReferences) instances per storage commitment request.",
                fields: [FieldProblem("ReferencedSOPSequence", "has more than \(Self.maximumReferences) items")])
        }
        let department = environment.department
        let images = environment.images
        let now = department.clock.now()
        return try await department.store.transaction { unit in
            var archived: [String: ArchivedInstance] = [:]
            for chunk in stride(from: 0, to: references.count, by: 500) {
                let uids = references[chunk..<min(chunk + 500, references.count)].map(\.sopInstanceUID)
                for instance in try await unit.archive.instances(sopInstanceUIDs: uids) {
                    archived[instance.sopInstanceUID] = instance
                }
            }
            var result = Result(committed: [], failed: [])
            var studies: [UUID: Int] = [:]
            for reference in references {
                guard let instance = archived[reference.sopInstanceUID] else {
                    result.failed.append((reference, .noSuchInstance))
                    continue
                }
                if instance.sopClassUID != reference.sopClassUID {
                    result.failed.append((reference, .classInstanceConflict))
                } else if !images.contains(instance.imageKey) {
                    result.failed.append((reference, .processingFailure))
                } else {
                    result.committed.append(reference)
                    studies[instance.studyID, default: 0] += 1
                }
            }
            for (studyID, count) in studies.sorted(by: { $0.key.uuidString < $1.key.uuidString }) {
                guard let study = try await unit.archive.study(id: studyID) else { continue }
                try await unit.record(
                    actor, "image.commitment", patientID: study.patientRecordID, examID: study.examID, at: now,
                    "Storage commitment for \(count) instances of study \(study.studyInstanceUID) "
                        + "requested by \(actor.username).")
            }
            if !result.failed.isEmpty {
                try await unit.record(
                    actor, "image.commitment-failed", patientID: nil, examID: nil, at: now,
                    "Storage commitment refused for \(result.failed.count) of \(references.count) instances "
                        + "requested by \(actor.username).")
            }
            return result
        }
    }
}
