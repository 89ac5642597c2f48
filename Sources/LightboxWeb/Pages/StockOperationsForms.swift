import Foundation
import LightboxDomain

/// The stock page's forms (issue 17), for those who keep stock: receive a delivery by batch, take stock out (used,
/// disposed of) or record a count, and place an order. Each posts to the use case its API route calls; a refused
/// form comes back with its errors beside the fields and in the page's error summary.
struct StockOperationsForms: Sendable, Equatable {
    /// The forms, by the path segment each posts to under `/stock/`.
    enum Form: String, Sendable {
        case receipt = "receipts"
        case movement = "movements"
        case order = "orders"
    }

    var canManage: Bool
    var hasItems: Bool
    var hasBatches: Bool
    var receiptFields: [FormField]
    var movementFields: [FormField]
    var orderFields: [FormField]
    var errorSummary: ErrorSummary?

    /// The reasons a person records on the page (contrast given to a patient is recorded at Pause and Check).
    static let reasons: [StockMovement.Reason] = [.used, .disposed, .counted]

    init(
        overview: StockOverview, canManage: Bool, timeZone: TimeZone, failed: Form? = nil,
        form: FormBody = FormBody(pairs: []), problems: [FieldProblem] = [], general: [String] = []
    ) {
        self.canManage = canManage
        let items = overview.levels.map(\.item)
        hasItems = !items.isEmpty
        let batches = overview.levels.flatMap { level in level.batches.map { (level.item, $0) } }
        hasBatches = !batches.isEmpty
        func value(_ which: Form, _ name: String) -> String? { failed == which ? form[name] : nil }
        func error(_ which: Form, _ names: String...) -> String? {
            guard failed == which else { return nil }
            return problems.first { names.contains($0.field) }.map { "\(Self.label($0.field)) \($0.problem)" }
        }
        let itemChoices = [("", "Choose an item")] + items.map { ($0.id.uuidString, "\($0.name) (\($0.unit))") }
        let format = PageFormat(timeZone)
        receiptFields = [
            .select(
                "itemID", label: Self.label("itemID"), choices: itemChoices, value: value(.receipt, "itemID"),
                error: error(.receipt, "itemID")),
            FormField(
                "batchNumber", label: Self.label("batchNumber"), value: value(.receipt, "batchNumber"),
                error: error(.receipt, "batchNumber")),
            FormField(
                "expires", label: Self.label("expires"), value: value(.receipt, "expires"),
                hint: "Leave empty for items that do not expire", error: error(.receipt, "expires"), type: "date"),
            FormField(
                "location", label: Self.label("location"), value: value(.receipt, "location"),
                hint: "For example: CT store room, shelf 2", error: error(.receipt, "location")),
            FormField(
                "quantity", label: Self.label("quantity"), value: value(.receipt, "quantity"),
                error: error(.receipt, "quantity"), type: "number", width: "10"),
            .select(
                "orderID", label: Self.label("orderID"),
                choices: [("", "Not against an order")]
                    + overview.openOrders.map { order in
                        (
                            order.id.uuidString,
                            "\(items.first { $0.id == order.itemID }?.name ?? ""): \(order.quantity) ordered "
                                + format.dateTime(order.orderedAt)
                        )
                    },
                value: value(.receipt, "orderID"), error: error(.receipt, "orderID")),
        ]
        movementFields = [
            .select(
                "batchID", label: Self.label("batchID"),
                choices: [("", "Choose a batch")]
                    + batches.map { item, batch in
                        (
                            batch.id.uuidString,
                            "\(item.name), batch \(batch.batchNumber) (\(batch.quantity) in \(batch.location))"
                        )
                    },
                value: value(.movement, "batchID"), error: error(.movement, "batchID")),
            .select(
                "reason", label: Self.label("reason"), choices: Self.reasons.map { ($0.rawValue, $0.label) },
                value: value(.movement, "reason"), error: error(.movement, "reason")),
            FormField(
                "movementQuantity", label: Self.label("movementQuantity"), value: value(.movement, "movementQuantity"),
                hint: "Units taken out, or for a count the number now on the shelf",
                error: error(.movement, "quantity", "movementQuantity"), type: "number", width: "10"),
            FormField(
                "note", label: Self.label("note"), value: value(.movement, "note"), error: error(.movement, "note")),
        ]
        orderFields = [
            .select(
                "orderItemID", label: Self.label("orderItemID"), choices: itemChoices,
                value: value(.order, "orderItemID"), error: error(.order, "itemID", "orderItemID")),
            FormField(
                "orderQuantity", label: Self.label("orderQuantity"), value: value(.order, "orderQuantity"),
                hint: "Leave empty for the item's usual reorder quantity",
                error: error(.order, "quantity", "orderQuantity"), type: "number", width: "10"),
            FormField(
                "supplierReference", label: Self.label("supplierReference"), value: value(.order, "supplierReference"),
                error: error(.order, "supplierReference")),
        ]
        let shown: Set<String> = [
            "itemID", "batchNumber", "expires", "location", "quantity", "orderID", "batchID", "reason",
            "movementQuantity", "note", "orderItemID", "orderQuantity", "supplierReference",
        ]
        errorSummary = ErrorSummary(
            fields: receiptFields + movementFields + orderFields,
            general: general + problems.filter { !shown.contains($0.field) }.map { "\($0.field) \($0.problem)" })
    }

    static func label(_ name: String) -> String {
        switch name {
        case "itemID", "orderItemID": "Item"
        case "batchNumber": "Batch number"
        case "expires": "Expiry date"
        case "location": "Where it is kept"
        case "quantity", "movementQuantity", "orderQuantity": "Units"
        case "orderID": "Against order (optional)"
        case "batchID": "Batch"
        case "reason": "What happened"
        case "note": "Note (optional)"
        default: "Supplier reference (optional)"
        }
    }
}
