import Foundation
import LightboxDomain

/// The booking desk's waiting list as JSON (`GET /api/waiting-list`): the entries `ViewWaitingList` returns, in its
/// order (most pressing priority, then longest wait), each with its patient and DM01 clock, as the `/booking` page
/// shows them; at most `limit` entries, with the counts of the whole list.
struct WaitingListDocument: APISchema, Equatable {
    /// One exam waiting for an appointment.
    struct Item: Codable, Sendable, Equatable {
        var exam: Exam
        var patient: Patient?
        /// `to-book`, `did-not-attend` (to re-book) or `room-suspended` (to re-book).
        var reason: WaitingListEntry.Reason
        var daysWaited: Int
        var weeksWaited: Int
        /// `within`, `nearing` or `breached` the diagnostic waiting target.
        var clock: WaitingListEntry.Clock
    }

    static let schemaName = "WaitingList"
    static var example: WaitingListDocument {
        var exam = Exam.example
        exam.state = .justified
        exam.booking = nil
        return WaitingListDocument(
            total: 1, breached: 0, nearing: 1, diagnosticWaitWeeks: 6, truncated: false,
            entries: [
                Item(
                    exam: exam, patient: .example, reason: .toBook, daysWaited: 32, weeksWaited: 4, clock: .nearing)
            ])
    }

    /// Entries on the whole list, and how many are over or nearing the target.
    var total: Int
    var breached: Int
    var nearing: Int
    /// The target in weeks from request (DM01; configuration).
    var diagnosticWaitWeeks: Int
    /// True when more entries wait than `limit` returned.
    var truncated: Bool
    var entries: [Item]

    init(
        total: Int, breached: Int, nearing: Int, diagnosticWaitWeeks: Int, truncated: Bool, entries: [Item]
    ) {
        self.total = total
        self.breached = breached
        self.nearing = nearing
        self.diagnosticWaitWeeks = diagnosticWaitWeeks
        self.truncated = truncated
        self.entries = entries
    }

    init(
        _ entries: [WaitingListEntry], patients: [UUID: Patient], limit: Int, configuration: DepartmentConfiguration
    ) {
        let shown = entries.prefix(limit)
        self.init(
            total: entries.count, breached: entries.filter { $0.clock == .breached }.count,
            nearing: entries.filter { $0.clock == .nearing }.count,
            diagnosticWaitWeeks: configuration.diagnosticWaitWeeks, truncated: entries.count > shown.count,
            entries: shown.map { entry in
                Item(
                    exam: entry.exam, patient: patients[entry.exam.patientID], reason: entry.reason,
                    daysWaited: entry.daysWaited, weeksWaited: entry.weeksWaited, clock: entry.clock)
            })
    }
}
