import Foundation
import LightboxDomain

/// One catalogue import: its progress while it runs (a progress element the page script updates from the status
/// address) and then its result, with each refused line and why.
struct CatalogueImportPageModel: PageModel {
    static let template = "admin-catalogue-import"

    struct Refusal: Sendable, Equatable {
        var line: String
        var reason: String
    }

    var layout: LayoutModel
    var running: Bool
    var statusHref: String
    var fileName: String
    var startedBy: String
    var total: String
    var processed: String
    var progressText: String
    var outcome: String
    var added: String
    var updated: String
    var refusedCount: String
    var refused: [Refusal]
    var hasRefused: Bool
    var failure: String?

    init(layout: LayoutModel, job: CatalogueImports.Job) {
        self.layout = layout
        running = job.state == .running
        statusHref = "/admin/catalogue/imports/\(job.id.uuidString)/status"
        fileName = job.fileName
        startedBy = job.startedBy
        total = String(job.total)
        processed = String(job.processed)
        progressText = "\(job.processed) of \(job.total) rows"
        outcome = Self.outcome(job)
        added = String(job.added)
        updated = String(job.updated)
        refusedCount = String(job.refused.count)
        refused = job.refused.map { Refusal(line: String($0.line), reason: $0.reason) }
        hasRefused = !refused.isEmpty
        failure = job.failure
    }

    /// One line: running with its progress, or what the import did.
    static func outcome(_ job: CatalogueImports.Job) -> String {
        switch job.state {
        case .running: "Running: \(job.processed) of \(job.total) rows"
        case .finished:
            "Finished: \(job.added) added, \(job.updated) updated, \(job.refused.count) refused of \(job.total) rows"
        case .failed: "Stopped after \(job.processed) of \(job.total) rows: \(job.failure ?? "")"
        }
    }
}
