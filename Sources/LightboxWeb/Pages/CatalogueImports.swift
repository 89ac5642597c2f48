import Foundation
import LightboxDomain

/// Catalogue imports from a CSV file uploaded on the catalogue page (issue 14), each a background job: the good
/// rows are stored through `UpsertCatalogueEntries` (the API's use case) a batch at a time while the page shows the
/// progress, and every refused row is kept with its line and reason. Bounded: one import runs at a time, a file
/// has at most the configured number of rows, and only the latest `maximumKept` jobs are remembered.
public actor CatalogueImports {
    /// One row not imported, and why.
    public struct Refusal: Sendable, Equatable, Codable {
        public var line: Int
        public var reason: String
    }

    /// An import and how far it has got.
    public struct Job: Sendable, Equatable, Codable {
        public enum State: String, Sendable, Codable {
            case running, finished, failed
        }

        public var id: UUID
        public var fileName: String
        public var startedBy: String
        public var startedAt: Date
        public var state: State
        /// Data rows in the file.
        public var total: Int
        /// Rows dealt with so far (stored or refused).
        public var processed: Int
        public var added: Int
        public var updated: Int
        public var refused: [Refusal]
        /// Why the import stopped, when it failed as a whole.
        public var failure: String?
    }

    /// Finished jobs remembered for their result pages.
    public static let maximumKept = 20
    /// Rows stored per transaction: small enough that the page sees progress, large enough to be quick.
    public let batchSize: Int

    private var jobs: [UUID: Job] = [:]
    private var order: [UUID] = []

    public init(batchSize: Int = 25) {
        self.batchSize = max(1, batchSize)
    }

    /// The job with `id`, if it is still remembered.
    public func job(_ id: UUID) -> Job? { jobs[id] }

    /// The remembered jobs, newest first.
    public func recent() -> [Job] { order.reversed().compactMap { jobs[$0] } }

    /// Reads `csv` and starts storing its good rows in the background. Refused at once (nothing stored) when
    /// another import is running or the file cannot be read at all (a 422 problem naming what is wrong).
    public func start(
        csv: String, fileName: String, maxRows: Int, department: Department, actor: Actor, now: Date, id: UUID
    ) throws -> Job {
        if jobs.values.contains(where: { $0.state == .running }) {
            throw Problem(
                code: "catalogue.import-running", title: "An import is already running", status: .conflict,
                detail: "Another catalogue import is still running. Wait for it to finish, then import this file.")
        }
        let rows = try CatalogueCSV(maxRows: maxRows).rows(from: csv)
        let refusals = rows.filter { !$0.errors.isEmpty }.map { row in
            Refusal(
                line: row.line, reason: row.errors.map { Self.sentence($0, line: row.line) }.joined(separator: "; "))
        }
        let job = Job(
            id: id, fileName: fileName, startedBy: actor.username, startedAt: now, state: .running, total: rows.count,
            processed: refusals.count, added: 0, updated: 0, refused: refusals, failure: nil)
        remember(job)
        let good = rows.compactMap { row in row.entry.map { (row.line, $0) } }
        let batchSize = self.batchSize
        Task {
            await self.run(id: id, good: good, batchSize: batchSize, department: department, actor: actor)
        }
        return job
    }

    private func remember(_ job: Job) {
        jobs[job.id] = job
        order.append(job.id)
        while order.count > Self.maximumKept, let oldest = order.first(where: { jobs[$0]?.state != .running }) {
            order.removeAll { $0 == oldest }
            jobs[oldest] = nil
        }
    }

    private func run(
        id: UUID, good: [(Int, CatalogueEntry)], batchSize: Int, department: Department, actor: Actor
    ) async {
        do {
            var known = Set(try await department.browse.catalogue(by: actor).map(\.code))
            var start = 0
            while start < good.count {
                let batch = Array(good[start..<min(start + batchSize, good.count)])
                start += batch.count
                var stored: [(Int, CatalogueEntry)] = []
                var refused: [Refusal] = []
                do {
                    _ = try await department.upsertCatalogueEntries(.init(entries: batch.map(\.1)), by: actor)
                    stored = batch
                } catch let error as DomainError where error.code != .permissionDenied {
                    // Find the rows the use case refuses by storing the batch's rows one by one.
                    for (line, entry) in batch {
                        do {
                            _ = try await department.upsertCatalogueEntries(.init(entries: [entry]), by: actor)
                            stored.append((line, entry))
                        } catch let error as DomainError where error.code != .permissionDenied {
                            let reason =
                                error.fields.isEmpty
                                ? error.message
                                : error.fields.map { "\(Self.column($0.field)) \($0.problem)" }.joined(separator: "; ")
                            refused.append(Refusal(line: line, reason: reason))
                        }
                    }
                }
                let added = stored.filter { !known.contains($0.1.code) }.count
                known.formUnion(stored.map(\.1.code))
                progress(id, added: added, updated: stored.count - added, refused: refused)
            }
            finish(id, failure: nil)
        } catch {
            finish(id, failure: (error as? DomainError)?.message ?? "The import stopped: \(error)")
        }
    }

    private func progress(_ id: UUID, added: Int, updated: Int, refused: [Refusal]) {
        guard var job = jobs[id] else { return }
        job.added += added
        job.updated += updated
        job.refused = (job.refused + refused).sorted { $0.line < $1.line }
        job.processed += added + updated + refused.count
        jobs[id] = job
    }

    private func finish(_ id: UUID, failure: String?) {
        guard var job = jobs[id] else { return }
        job.state = failure == nil ? .finished : .failed
        job.failure = failure
        jobs[id] = job
    }

    /// "modality: 'XX' is not one of …" from the reader's "line 3.modality".
    static func sentence(_ error: Problem.FieldError, line: Int) -> String {
        let prefix = "line \(line)"
        let column = error.field.hasPrefix(prefix + ".") ? String(error.field.dropFirst(prefix.count + 1)) : ""
        return column.isEmpty ? error.problem : "\(column) \(error.problem)"
    }

    /// "projections" from the use case's "entries[0].projections".
    static func column(_ field: String) -> String {
        field.split(separator: ".").last.map(String.init) ?? field
    }
}
