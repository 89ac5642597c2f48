import Foundation
import Hummingbird
import LightboxDomain

/// The stock page and its forms (issue 17): add an item, receive a delivery, take out or count a batch, place an
/// order, add a lead apron and record its integrity check; each posts to the use case its API route calls
/// (`AddStockItem`, `ReceiveStock`, `RecordStockMovement`, `PlaceStockOrder`, `AddLeadApron`, `RecordApronCheck`).
extension WebApplication {
    func addStockOperationPages(_ page: PageRegistrar) {
        for which in [StockOperationsForms.Form.receipt, .movement, .order, .item, .apron, .apronCheck] {
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

    /// A date typed in a form, as the start of that day in the department's time zone.
    static func day(
        _ form: FormBody, _ name: String, zone: TimeZone, required: Bool, into problems: inout [FieldProblem]
    ) -> Date? {
        guard let raw = form[name] else {
            if required { problems.append(FieldProblem(name, "enter the date")) }
            return nil
        }
        guard let day = try? CalendarDate(iso: raw) else {
            problems.append(FieldProblem(name, "must be a date, for example 2027-06-30"))
            return nil
        }
        return day.start(in: zone)
    }

    static func stockOperation(_ call: PageCall, _ which: StockOperationsForms.Form) async throws -> Response {
        _ = try call.require(.manageStock)
        let form = try await call.form()
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
        do {
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
            case .item:
                let category = form["category"].flatMap(StockCategory.init(rawValue:))
                if category == nil { problems.append(FieldProblem("category", "choose what kind of stock it is")) }
                let level = whole("reorderLevel", as: "reorderLevel", required: true)
                let quantity = whole("reorderQuantity", as: "reorderQuantity", required: true)
                guard let category, let level, let quantity, problems.isEmpty else {
                    throw DomainError(.validationFailed, "", fields: problems)
                }
                _ = try await call.department.addStockItem(
                    .init(
                        name: form["name"] ?? "", category: category, unit: form["unit"] ?? "", reorderLevel: level,
                        reorderQuantity: quantity), by: actor)
                notice = "stock-item-added"
            case .apron:
                var lead: Double?
                if let raw = form["leadEquivalenceMillimetres"] {
                    lead = Double(raw.replacingOccurrences(of: ",", with: "."))
                    if lead == nil {
                        problems.append(FieldProblem("leadEquivalenceMillimetres", "must be a number, for example 0.35"))
                    }
                } else {
                    problems.append(FieldProblem("leadEquivalenceMillimetres", "give the lead equivalence"))
                }
                let lastChecked = day(form, "lastCheckedOn", zone: zone, required: false, into: &problems)
                guard let lead, problems.isEmpty else { throw DomainError(.validationFailed, "", fields: problems) }
                _ = try await call.department.addLeadApron(
                    .init(
                        identifier: form["identifier"] ?? "", description: form["description"] ?? "",
                        leadEquivalenceMillimetres: lead, location: form["apronLocation"] ?? "",
                        lastCheckedOn: lastChecked), by: actor)
                notice = "apron-added"
            case .apronCheck:
                let apronID = uuid("apronID", as: "apronID", required: true)
                let checkedOn = day(form, "checkedOn", zone: zone, required: true, into: &problems)
                let method = form["method"].flatMap(ApronCheck.Method.init(rawValue:))
                if method == nil { problems.append(FieldProblem("method", "choose how the apron was checked")) }
                let passed: Bool? = form["result"] == "pass" ? true : form["result"] == "fail" ? false : nil
                if passed == nil { problems.append(FieldProblem("result", "choose pass or fail")) }
                guard let apronID, let checkedOn, let method, let passed, problems.isEmpty else {
                    throw DomainError(.validationFailed, "", fields: problems)
                }
                _ = try await call.department.recordApronCheck(
                    .init(
                        apronID: apronID, checkedOn: checkedOn, method: method, passed: passed,
                        findings: form["findings"]), by: actor)
                notice = passed ? "apron-checked" : "apron-withdrawn"
            }
            return call.redirect("/stock?done=\(notice)")
        } catch let error as DomainError where error.code != .permissionDenied {
            // The apron form names its place field apart from the delivery form's.
            let fields =
                which == .apron
                ? error.fields.map { $0.field == "location" ? FieldProblem("apronLocation", $0.problem) : $0 }
                : error.fields
            return try await Self.stockPage(
                call, failed: which, form: form, problems: fields,
                general: error.fields.isEmpty ? [error.message] : [],
                status: error.code == .transitionNotAllowed || error.code == .duplicate
                    ? .conflict : error.code == .notFound ? .notFound : .unprocessableContent)
        }
    }
}
