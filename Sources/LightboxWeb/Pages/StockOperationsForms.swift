import Foundation
import LightboxDomain

/// The stock page's forms (issue 17), for those who keep stock: add an item to the stock list, receive a delivery by
/// batch, take stock out (used, disposed of) or record a count, place an order, add a lead apron and record its
/// yearly integrity check. Each posts to the use case its API route calls; a refused form comes back with its
/// errors beside the fields and in the page's error summary.
struct StockOperationsForms: Sendable, Equatable {
    /// The forms, by the path segment each posts to under `/stock/`.
    enum Form: String, Sendable {
        case receipt = "receipts"
        case movement = "movements"
        case order = "orders"
        case item = "items"
        case apron = "aprons"
        case apronCheck = "apron-checks"
    }

    var canManage: Bool
    var hasItems: Bool
    var hasBatches: Bool
    var receiptFields: [FormField]
    var movementFields: [FormField]
    var orderFields: [FormField]
    var itemFields: [FormField]
    var apronFields: [FormField]
    var hasAprons: Bool
    var apronCheckFields: [FormField]
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
        itemFields = [
            FormField(
                "name", label: Self.label("name"), value: value(.item, "name"), hint: "For example: Iohexol 350",
                error: error(.item, "name")),
            .select(
                "category", label: Self.label("category"),
                choices: [("", "Choose a kind")] + StockCategory.allCases.map { ($0.rawValue, $0.label) },
                value: value(.item, "category"), error: error(.item, "category")),
            FormField(
                "unit", label: Self.label("unit"), value: value(.item, "unit"),
                hint: "What one counted unit is, for example: 100 mL bottle, box of 50", error: error(.item, "unit")),
            FormField(
                "reorderLevel", label: Self.label("reorderLevel"), value: value(.item, "reorderLevel"),
                hint: "An order is due when the units in date fall to this", error: error(.item, "reorderLevel"),
                type: "number", width: "10"),
            FormField(
                "reorderQuantity", label: Self.label("reorderQuantity"), value: value(.item, "reorderQuantity"),
                error: error(.item, "reorderQuantity"), type: "number", width: "10"),
        ]
        apronFields = [
            FormField(
                "identifier", label: Self.label("identifier"), value: value(.apron, "identifier"),
                hint: "The label on the apron, for example: APR-014", error: error(.apron, "identifier")),
            FormField(
                "description", label: Self.label("description"), value: value(.apron, "description"),
                hint: "For example: wrap-around, size M", error: error(.apron, "description")),
            FormField(
                "leadEquivalenceMillimetres", label: Self.label("leadEquivalenceMillimetres"),
                value: value(.apron, "leadEquivalenceMillimetres"), hint: "For example: 0.35",
                error: error(.apron, "leadEquivalenceMillimetres"), width: "10"),
            FormField(
                "apronLocation", label: Self.label("apronLocation"), value: value(.apron, "apronLocation"),
                hint: "For example: Room 2 apron rack", error: error(.apron, "location", "apronLocation")),
            FormField(
                "lastCheckedOn", label: Self.label("lastCheckedOn"), value: value(.apron, "lastCheckedOn"),
                hint: "Leave empty if it has not been checked: its first check is then due now",
                error: error(.apron, "lastCheckedOn"), type: "date"),
        ]
        hasAprons = !overview.aprons.isEmpty
        apronCheckFields = [
            .select(
                "apronID", label: Self.label("apronID"),
                choices: [("", "Choose an apron")]
                    + overview.aprons.map { apron in
                        (
                            apron.id.uuidString,
                            "\(apron.identifier): \(apron.description) (\(apron.location))"
                                + (apron.inService ? "" : ", withdrawn from use")
                        )
                    },
                value: value(.apronCheck, "apronID"), error: error(.apronCheck, "apronID")),
            FormField(
                "checkedOn", label: Self.label("checkedOn"), value: value(.apronCheck, "checkedOn"),
                error: error(.apronCheck, "checkedOn"), type: "date"),
            .select(
                "method", label: Self.label("method"),
                choices: [("", "Choose how")] + ApronCheck.Method.allCases.map { ($0.rawValue, $0.label) },
                value: value(.apronCheck, "method"), error: error(.apronCheck, "method")),
            .select(
                "result", label: Self.label("result"),
                choices: [
                    ("", "Choose the result"), ("pass", "Pass: no defect"),
                    ("fail", "Fail: a defect was found (the apron is withdrawn from use)"),
                ], value: value(.apronCheck, "result"), error: error(.apronCheck, "result", "passed")),
            FormField(
                "findings", label: Self.label("findings"), value: value(.apronCheck, "findings"),
                hint: "Needed for a failure: where the defect is and how big", error: error(.apronCheck, "findings"),
                multiline: true),
        ]
        let shown: Set<String> = [
            "itemID", "batchNumber", "expires", "location", "quantity", "orderID", "batchID", "reason",
            "movementQuantity", "note", "orderItemID", "orderQuantity", "supplierReference", "name", "category", "unit",
            "reorderLevel", "reorderQuantity", "identifier", "description", "leadEquivalenceMillimetres",
            "apronLocation", "lastCheckedOn", "apronID", "checkedOn", "method", "result", "passed", "findings",
        ]
        errorSummary = ErrorSummary(
            fields: receiptFields + movementFields + orderFields + itemFields + apronFields + apronCheckFields,
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
        case "name": "Item name"
        case "category": "Kind of stock"
        case "unit": "Unit"
        case "reorderLevel": "Reorder when down to (units)"
        case "reorderQuantity": "Usual order (units)"
        case "identifier": "Apron label"
        case "description": "Description"
        case "leadEquivalenceMillimetres": "Lead equivalence (mm Pb)"
        case "apronLocation": "Where it hangs"
        case "lastCheckedOn": "Last integrity check (optional)"
        case "apronID": "Apron"
        case "checkedOn": "Date of the check"
        case "method": "How it was checked"
        case "result", "passed": "Result"
        case "findings": "Findings"
        default: "Supplier reference (optional)"
        }
    }
}
