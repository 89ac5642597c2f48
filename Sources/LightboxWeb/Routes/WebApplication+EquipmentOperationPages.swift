import Foundation
import Hummingbird
import LightboxDomain

/// The equipment page's fault and cleaning forms (issue 17): each posts to the use case its API route calls
/// (`ReportFault`, `SendFaultToEngineering`, `CloseFault`, `RecordCleaning`, and `RegisterEquipment` for the
/// equipment register) and comes back to the page.
extension WebApplication {
    func addEquipmentOperationPages(_ page: PageRegistrar) {
        for which in [
            EquipmentOperationsForms.Form.fault, .engineering, .closure, .cleaning, .item,
        ] {
            page(.post, "/equipment/" + which.rawValue) { call in
                try await Self.equipmentOperation(call, which)
            }
        }
    }

    static func equipmentOperation(_ call: PageCall, _ which: EquipmentOperationsForms.Form) async throws -> Response {
        switch which {
        case .fault: _ = try call.require(.reportFault)
        case .engineering, .closure: _ = try call.require(.manageFaults)
        case .cleaning: _ = try call.require(.recordCleaning)
        case .item: _ = try call.require(.manageEquipment)
        }
        return try await call.submit(showing: .allButDenied) { form in
            let department = call.department
            var problems: [FieldProblem] = []
            func uuid(_ name: String, as field: String, missing: String) -> UUID? {
                guard let raw = form[name] else {
                    problems.append(FieldProblem(field, missing))
                    return nil
                }
                guard let id = UUID(uuidString: raw) else {
                    problems.append(FieldProblem(field, "is not one of the choices"))
                    return nil
                }
                return id
            }
            let actor = try call.actor
            let notice: String
            switch which {
            case .fault:
                let roomID = uuid("roomID", as: "roomID", missing: "choose a room")
                let equipmentID = form["equipmentID"] == nil ? nil : uuid("equipmentID", as: "equipmentID", missing: "")
                guard let roomID, problems.isEmpty else { throw DomainError(.validationFailed, "", fields: problems) }
                _ = try await department.reportFault(
                    .init(
                        roomID: roomID, equipmentID: equipmentID, description: form["description"] ?? "",
                        roomOutOfUse: form["roomOutOfUse"] == "yes"), by: actor)
                notice = "fault-reported"
            case .engineering:
                let faultID = uuid("engineeringFaultID", as: "faultID", missing: "choose a fault")
                guard let faultID, problems.isEmpty else { throw DomainError(.validationFailed, "", fields: problems) }
                _ = try await department.sendFaultToEngineering(
                    .init(faultID: faultID, engineeringReference: form["engineeringReference"] ?? ""), by: actor)
                notice = "fault-engineering"
            case .closure:
                let faultID = uuid("closureFaultID", as: "faultID", missing: "choose a fault")
                guard let faultID, problems.isEmpty else { throw DomainError(.validationFailed, "", fields: problems) }
                _ = try await department.closeFault(
                    .init(faultID: faultID, resolution: form["resolution"] ?? ""), by: actor)
                notice = "fault-closed"
            case .cleaning:
                let roomID = uuid("cleaningRoomID", as: "roomID", missing: "choose the room cleaned")
                guard let roomID, problems.isEmpty else { throw DomainError(.validationFailed, "", fields: problems) }
                _ = try await department.recordCleaning(.init(roomID: roomID, method: form["method"] ?? ""), by: actor)
                notice = "room-cleaned"
            case .item:
                let roomID = uuid("itemRoomID", as: "roomID", missing: "choose the room")
                var installedOn: CalendarDate?
                if let raw = form["installedOn"] {
                    installedOn = try? CalendarDate(iso: raw)
                    if installedOn == nil {
                        problems.append(FieldProblem("installedOn", "must be a date, for example 2024-03-31"))
                    }
                }
                guard let roomID, problems.isEmpty else { throw DomainError(.validationFailed, "", fields: problems) }
                _ = try await department.registerEquipment(
                    .init(
                        roomID: roomID, description: form["itemDescription"] ?? "", maker: form["maker"] ?? "",
                        model: form["model"] ?? "", serialNumber: form["serialNumber"] ?? "", installedOn: installedOn,
                        stationAETitle: form["stationAETitle"]), by: actor)
                notice = "equipment-registered"
            }
            return "/equipment?done=\(notice)"
        } again: { form, error in
            let fields =
                error.code == .notFound
                ? [FieldProblem(which == .engineering || which == .closure ? "faultID" : "roomID", "was not found")]
                : error.fields
            return try await Self.equipmentPage(
                call, form: form, problems: fields, general: fields.isEmpty ? [error.message] : [],
                status: error.code == .transitionNotAllowed ? .conflict : .unprocessableContent, failed: which)
        }
    }
}
