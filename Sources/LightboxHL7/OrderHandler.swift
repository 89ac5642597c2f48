import HL7
import LightboxDomain

/// ORM^O01 (HL7 v2.5.1 §4.4.1) and OMI^O23 (§4.4.10): each ORC with its OBR is an order. NW runs the same
/// request intake as the API (`createRequest`, with every rule); CA, OC and DC cancel the exam ordered under the
/// placer order number. Changing an order in place (XO) is refused: the sender cancels and orders again, so a
/// justified request is never silently altered.
struct OrderHandler {
    static let newOrder: Set<String> = ["NW"]
    static let cancelOrder: Set<String> = ["CA", "OC", "DC"]

    let department: Department
    let actor: Actor

    struct Order {
        var orc: ORC
        var orcIndex: Int
        var obr: OBR?
        var tq1: Segment?
    }

    func apply(_ message: Message) async throws {
        let sendingFacility = message.msh.sendingFacility.flatMap(PatientTranslation.authority)
        let pid = try message.first(PID.self)
        let pv1 = try message.first(PV1.self)
        var orders: [Order] = []
        var orcCount = 0
        for segment in message.segments {
            switch segment.id {
            case "ORC":
                orcCount += 1
                orders.append(Order(orc: try ORC(segment, strict: false), orcIndex: orcCount))
            case "OBR" where !orders.isEmpty && orders[orders.count - 1].obr == nil:
                orders[orders.count - 1].obr = try OBR(segment, strict: false)
            case "TQ1" where !orders.isEmpty && orders[orders.count - 1].tq1 == nil:
                orders[orders.count - 1].tq1 = segment
            default:
                continue
            }
        }
        guard !orders.isEmpty else {
            throw HL7Refusal.error(
                .segmentSequenceError, "ORC segment missing", at: ErrorLocation(segmentID: "ORC"),
                code: "hl7.orc-missing")
        }
        for order in orders {
            let control = order.orc.orderControl?.uppercased() ?? ""
            if Self.newOrder.contains(control) {
                guard let pid else {
                    throw HL7Refusal.error(
                        .segmentSequenceError, "PID segment missing", at: ErrorLocation(segmentID: "PID"),
                        code: "hl7.pid-missing")
                }
                let patient = PatientTranslation(pid: pid, sendingFacility: sendingFacility)
                _ = try await department.createRequest(
                    try command(order, patient: patient, pv1: pv1), by: actor)
            } else if Self.cancelOrder.contains(control) {
                guard let placer = Self.placerOrderNumber(order) else {
                    throw HL7Refusal.error(
                        .requiredFieldMissing, "ORC-2 placer order number missing: which order is cancelled?",
                        at: ErrorLocation(segmentID: "ORC", segmentSequence: order.orcIndex, field: 2),
                        code: "hl7.placer-missing")
                }
                let reason = order.orc.orderControlCodeReason.flatMap { $0.text ?? $0.identifier }
                _ = try await department.cancelOrder(
                    .init(
                        placerOrderNumber: placer,
                        reason: reason ?? "Cancelled by the ordering system (ORC-1 \(control))"),
                    by: actor)
            } else if control == "XO" {
                throw HL7Refusal.error(
                    .applicationInternalError,
                    "ORC-1 XO: orders are not changed in place; cancel (CA) and send a new order (NW)",
                    at: ErrorLocation(segmentID: "ORC", segmentSequence: order.orcIndex, field: 1),
                    code: "hl7.order-change-refused")
            } else {
                throw HL7Refusal.error(
                    .tableValueNotFound, "ORC-1 order control '\(control)' is not taken (NW, CA, OC, DC are)",
                    at: ErrorLocation(segmentID: "ORC", segmentSequence: order.orcIndex, field: 1),
                    code: "hl7.order-control")
            }
        }
    }

    func command(_ order: Order, patient: PatientTranslation, pv1: PV1?) throws -> CreateRequest.Command {
        let obr = order.obr
        let examCode = obr?.universalServiceIdentifier?.identifier
        let reason = obr?.reasonsForStudy.first.flatMap { $0.text ?? $0.originalText ?? $0.identifier }
        let question = reason ?? obr?.relevantClinicalInformation
        let provider = order.orc.orderingProviders.first ?? obr?.orderingProviders.first
        return CreateRequest.Command(
            identifiers: patient.requestIdentifiers, examCode: examCode, clinicalQuestion: question, referrerID: nil,
            priority: try priority(order), patientSource: Self.patientSource(pv1?.patientClass),
            location: Self.location(pv1?.assignedPatientLocation),
            referrerRegistrationNumber: provider?.idNumber,
            placerOrderNumber: Self.placerOrderNumber(order),
            fillerOrderNumber: Self.text(order.orc.fillerOrderNumber ?? obr?.fillerOrderNumber))
    }

    /// HL7 table 0027 priority from TQ1-9, ORC-7.6 or OBR-27.6; absent means R (routine), the table's default.
    func priority(_ order: Order) throws -> Priority {
        let code =
            order.tq1?.field(9).component(1).text ?? order.orc.quantityTimingPriority
            ?? order.obr?.quantityTimingPriority
        switch code?.uppercased() {
        case nil, "R", "C", "P": return .routine
        case "S": return .emergency
        case "A", "T": return .urgent
        case let other?:
            throw HL7Refusal.error(
                .tableValueNotFound, "priority '\(other)' is not in HL7 table 0027 (S, A, R, P, C, T)",
                at: ErrorLocation(segmentID: order.tq1 != nil ? "TQ1" : "ORC", field: order.tq1 != nil ? 9 : 7),
                code: "hl7.priority")
        }
    }

    static func placerOrderNumber(_ order: Order) -> String? {
        text(order.orc.placerOrderNumber ?? order.obr?.placerOrderNumber)
    }

    /// "entity^namespace": order numbers are unique only within the placer application.
    static func text(_ ei: EI?) -> String? {
        guard let entity = ei?.entityIdentifier, !entity.isEmpty else { return nil }
        guard let namespace = ei?.namespaceID ?? ei?.universalID, !namespace.isEmpty else { return entity }
        return "\(entity)^\(namespace)"
    }

    /// PV1-2, HL7 table 0004.
    static func patientSource(_ patientClass: String?) -> PatientSource? {
        switch patientClass?.uppercased() {
        case "E": .emergencyDepartment
        case "I": .inpatient
        case "O": .outpatient
        case nil: nil
        default: .other
        }
    }

    static func location(_ pl: PL?) -> String? {
        guard let pl else { return nil }
        let parts = [pl.pointOfCare, pl.room, pl.bed].compactMap { $0 }.filter { !$0.isEmpty }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }
}
