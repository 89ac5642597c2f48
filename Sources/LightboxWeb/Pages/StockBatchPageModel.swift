import Foundation
import LightboxDomain

/// One stock batch (issue 17): its item, expiry, place and level, every movement, and for contrast the exams and
/// patients it was given to: the trace from stock back to the exam, the page a batch recall starts from.
struct StockBatchPageModel: PageModel {
    static let template = "stock-batch"

    struct MovementRow: Sendable, Equatable {
        var at: String
        var what: String
        var change: String
        var by: String
        var note: String
    }

    struct GivenRow: Sendable, Equatable {
        var at: String
        var examHref: String
        var accessionNumber: String
        var patientHref: String
        var units: Int
        var by: String
    }

    var layout: LayoutModel
    var heading: String
    var summary: [SummaryRow]
    var movements: [MovementRow]
    var given: [GivenRow]
    var hasGiven: Bool
    /// The exams it was given in are listed (to those who may read patients' records).
    var showsGiven: Bool

    init(
        layout: LayoutModel, detail: StockBatchDetail, given: [ContrastAdministration]?, now: Date,
        timeZone: TimeZone
    ) {
        self.layout = layout
        let batch = detail.batch
        heading = "\(detail.item.name), batch \(batch.batchNumber)"
        let format = PageFormat(timeZone)
        let day = { (date: Date) in StaffRecordsPageModel.day(date, timeZone) }
        summary = [
            SummaryRow("Item", "\(detail.item.name) (\(detail.item.category.label), per \(detail.item.unit))"),
            SummaryRow("Batch number", batch.batchNumber),
            SummaryRow(
                "Expiry",
                batch.expires.map { day($0) + (batch.isExpired(at: now) ? " (expired)" : "") } ?? "Does not expire"),
            SummaryRow("Where it is kept", batch.location),
            SummaryRow("Units on the shelf", "\(batch.quantity)"),
            SummaryRow("Received", "\(format.dateTime(batch.receivedAt)) by \(batch.receivedBy)"),
        ]
        movements = detail.movements.map { movement in
            MovementRow(
                at: format.dateTime(movement.at), what: movement.reason.label,
                change: movement.change > 0 ? "+\(movement.change)" : "\(movement.change)", by: movement.by,
                note: movement.note ?? "")
        }
        showsGiven = given != nil
        self.given = (given ?? []).map { administration in
            GivenRow(
                at: format.dateTime(administration.at), examHref: "/exams/\(administration.examID.uuidString)",
                accessionNumber: administration.accessionNumber,
                patientHref: "/patients/\(administration.patientID.uuidString)", units: administration.units,
                by: administration.by)
        }
        hasGiven = !self.given.isEmpty
    }
}
