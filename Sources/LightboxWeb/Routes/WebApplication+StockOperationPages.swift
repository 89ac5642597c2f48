import Foundation
import Hummingbird
import LightboxDomain

/// The stock page and its forms (issue 17): receive a delivery, take out or count a batch, place an order; each
/// posts to the use case its API route calls (`ReceiveStock`, `RecordStockMovement`, `PlaceStockOrder`).
extension WebApplication {
    func addStockOperationPages(_ page: PageRegistrar) {
        for which in [StockOperationsForms.Form.receipt, .movement, .order] {
            page(.post, "/stock/" + which.rawValue) { call in
                try await Self.stockOperation(call, which)
            }
        }
    }

    static func stockPage(
        _ call: PageCall, failed: StockOperationsForms.Form? = nil, form: FormBody = FormBody(pairs: []),
        problems: [FieldProblem] = [], general: [String] = [], status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let user = try call.require(.viewStock)
        let configuration = try await call.department.viewThresholds.configurationInForce()
        let overview = try await call.department.viewStock.overview(by: call.actor)
        return try call.page(
            StockPageModel(
                layout: try call.layout("Stock"), overview: overview,
                warningDays: configuration.stockExpiryWarningDays, now: call.environment.clock.now(),
                timeZone: configuration.timeZone,
                operations: StockOperationsForms(
                    overview: overview, canManage: call.environment.policy.allows(user.role, .manageStock),
                    timeZone: configuration.timeZone, failed: failed, form: form, problems: problems,
                    general: general)),
            status: status)
    }

    static func stockOperation(_ call: PageCall, _ which: StockOperationsForms.Form) async throws -> Response {
        _ = try call.require(.manageStock)
        return try await call.submit(showing: .allButDenied) { form in
            let zone = call.department.environment.configuration.timeZone
            var problems: [FieldProblem] = []
            func uuid(_ name: String, as field: String, required: Bool) -> UUID? {
                guard let raw = form[name] else {
                    if required { problems.append(FieldProblem(field, "choose one")) }
                    return nil
                }
                guard let id = UUID(uuidString: raw) else {
                    problems.append(FieldProblem(field, "is not one of the choices"))
                    return nil
                }
                return id
            }
            func whole(_ name: String, as field: String, required: Bool) -> Int? {
                guard let raw = form[name] else {
                    if required { problems.append(FieldProblem(field, "give the number of units")) }
                    return nil
                }
                guard let value = Int(raw) else {
                    problems.append(FieldProblem(field, "must be a whole number, for example 20"))
                    return nil
                }
                return value
            }
            let actor = try call.actor
            let notice: String
            switch which {
            case .receipt:
                let itemID = uuid("itemID", as: "itemID", required: true)
                let quantity = whole("quantity", as: "quantity", required: true)
                var expires: Date?
                if let raw = form["expires"] {
                    if let day = try? CalendarDate(iso: raw) {
                        expires = day.start(in: zone)
                    } else {
                        problems.append(FieldProblem("expires", "must be a date, for example 2027-06-30"))
                    }
                }
                let orderID = uuid("orderID", as: "orderID", required: false)
                guard let itemID, let quantity, problems.isEmpty else {
                    throw DomainError(.validationFailed, "", fields: problems)
                }
                _ = try await call.department.receiveStock(
                    .init(
                        itemID: itemID, batchNumber: form["batchNumber"] ?? "", expires: expires,
                        location: form["location"] ?? "", quantity: quantity, orderID: orderID), by: actor)
                notice = "stock-received"
            case .movement:
                let batchID = uuid("batchID", as: "batchID", required: true)
                let reason = form["reason"].flatMap(StockMovement.Reason.init(rawValue:))
                if reason == nil || !StockOperationsForms.reasons.contains(reason ?? .received) {
                    problems.append(FieldProblem("reason", "choose what happened"))
                }
                let quantity = whole("movementQuantity", as: "movementQuantity", required: true)
                guard let batchID, let reason, let quantity, problems.isEmpty else {
                    throw DomainError(.validationFailed, "", fields: problems)
                }
                _ = try await call.department.recordStockMovement(
                    .init(batchID: batchID, reason: reason, quantity: quantity, note: form["note"]), by: actor)
                notice = "stock-movement"
            case .order:
                let itemID = uuid("orderItemID", as: "orderItemID", required: true)
                let quantity = whole("orderQuantity", as: "orderQuantity", required: false)
                guard let itemID, problems.isEmpty else { throw DomainError(.validationFailed, "", fields: problems) }
                _ = try await call.department.placeStockOrder(
                    .init(itemID: itemID, quantity: quantity, supplierReference: form["supplierReference"]), by: actor)
                notice = "stock-ordered"
            }
            return "/stock?done=\(notice)"
        } again: { form, error in
            try await Self.stockPage(
                call, failed: which, form: form, problems: error.fields,
                general: error.fields.isEmpty ? [error.message] : [],
                status: error.code == .transitionNotAllowed || error.code == .duplicate
                    ? .conflict : error.code == .notFound ? .notFound : .unprocessableContent)
        }
    }
}
