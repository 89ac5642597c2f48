import HL7
import LightboxDomain

/// ORM^O01 (HL7 v2.5.1 §4.4.1) and OMI^O23 (§4.4.10): each ORC with its OBR (and for OMI its IPC) is an
/// order. NW runs the same request intake as the API (`createRequest`, with every rule); CA, OC and DC
/// cancel the exam ordered under the placer order number. XO updates a request only where the department's
/// rules let a referrer change one: a request returned for more information is resubmitted with the new
/// clinical information (`resubmitRequest`). Any other change is refused, so a justified request is never
/// silently altered; the sender cancels and orders again.
struct OrderHandler {
    static let newOrder: Set<String> = ["NW"]
    static let cancelOrder: Set<String> = ["CA", "OC", "DC"]
    static let changeOrder = "XO"
    /// IPC-1..4 are required in OMI^O23 (§4.5.6): the DICOM identifiers the order is scheduled under.
    static let requiredIPCFields: [(field: Int, name: String)] = [
        (1, "accession identifier"), (2, "requested procedure id"), (3, "study instance UID"),
        (4, "scheduled procedure step id"),
    ]

    let department: Department
    let unit: any UnitOfWork
    let actor: Actor

    struct Order {
        var orc: ORC
        var orcIndex: Int
        var obr: OBR?
        var obrIndex: Int?
        var tq1: Segment?
        var ipcs: [(ipc: IPC, index: Int)] = []
        /// The order's OBX segments (pregnancy status among them), with their place in the message.
        var observations: [(obx: OBX, index: Int)] = []
    }

    func apply(_ message: Message) async throws {
        let sendingFacility = message.msh.sendingFacility.flatMap(PatientTranslation.authority)
        let isOMI = message.msh.messageCode?.uppercased() == "OMI"
        let pid = try message.first(PID.self)
        let pv1 = try message.first(PV1.self)
        var orders: [Order] = []
        var orcCount = 0
        var obrCount = 0
        var ipcCount = 0
        var obxCount = 0
        for segment in message.segments {
            switch segment.id {
            case "ORC":
                orcCount += 1
                orders.append(Order(orc: try ORC(segment, strict: false), orcIndex: orcCount))
            case "OBR":
                obrCount += 1
                if !orders.isEmpty && orders[orders.count - 1].obr == nil {
                    orders[orders.count - 1].obr = try OBR(segment, strict: false)
                    orders[orders.count - 1].obrIndex = obrCount
                }
            case "TQ1" where !orders.isEmpty && orders[orders.count - 1].tq1 == nil:
                orders[orders.count - 1].tq1 = segment
            case "OBX":
                obxCount += 1
                if !orders.isEmpty {
                    orders[orders.count - 1].observations.append((try OBX(segment, strict: false), obxCount))
                }
            case "IPC":
                ipcCount += 1
                if !orders.isEmpty { orders[orders.count - 1].ipcs.append((try IPC(segment, strict: false), ipcCount)) }
            default:
                continue
            }
        }
        guard !orders.isEmpty else {
            throw HL7Refusal.error(
                .segmentSequenceError, "ORC segment missing", at: ErrorLocation(segmentID: "ORC"),
                code: "hl7.orc-missing")
        }
        if isOMI { try Self.checkImagingProcedureControl(orders) }
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
                let placer = try Self.requirePlacerOrderNumber(order, purpose: "which order is cancelled?")
                let reason = order.orc.orderControlCodeReason.flatMap { $0.text ?? $0.identifier }
                _ = try await department.cancelOrder(
                    .init(
                        placerOrderNumber: placer,
                        reason: reason ?? "Cancelled by the ordering system (ORC-1 \(control))"),
                    by: actor)
            } else if control == Self.changeOrder {
                try await change(order)
            } else {
                throw HL7Refusal.error(
                    .tableValueNotFound, "ORC-1 order control '\(control)' is not taken (NW, XO, CA, OC, DC are)",
                    at: ErrorLocation(segmentID: "ORC", segmentSequence: order.orcIndex, field: 1),
                    code: "hl7.order-control")
            }
        }
    }

    /// ORC-1 XO: the one change a referrer may make to a request is answering a return for information.
    func change(_ order: Order) async throws {
        let placer = try Self.requirePlacerOrderNumber(order, purpose: "which order is changed?")
        guard let examID = try await unit.orderNumbers.examID(placerOrderNumber: placer),
            let exam = try await unit.exams.get(examID)
        else {
            throw HL7Refusal.error(
                .applicationInternalError, "ORC-2 no request was received with order number \(placer)",
                at: ErrorLocation(segmentID: "ORC", segmentSequence: order.orcIndex, field: 2),
                code: "hl7.order-unknown")
        }
        guard exam.state == .returnedForInformation else {
            throw HL7Refusal.error(
                .applicationInternalError,
                "ORC-1 XO: the request under order number \(placer) is \(exam.state.label) and is not changed in place;"
                    + " only a request returned for information is updated (with the information asked for);"
                    + " otherwise cancel (CA) and send a new order (NW)",
                at: ErrorLocation(segmentID: "ORC", segmentSequence: order.orcIndex, field: 1),
                code: "hl7.order-change-refused")
        }
        let information = Self.clinicalInformation(order.obr) ?? ""
        _ = try await department.resubmitRequest(
            .init(examID: examID, additionalInformation: information), by: actor)
    }

    /// Every IPC-1..4 missing in an OMI^O23, each named by its place in the message, in one refusal.
    static func checkImagingProcedureControl(_ orders: [Order]) throws {
        var errors: [AcknowledgmentError] = []
        for order in orders {
            guard newOrder.contains(order.orc.orderControl?.uppercased() ?? "") || order.orc.orderControl == changeOrder
            else { continue }
            if order.obr == nil {
                let text = "OBR segment missing after ORC \(order.orcIndex): OMI^O23 orders each need one"
                errors.append(
                    AcknowledgmentError(
                        condition: .segmentSequenceError, location: ErrorLocation(segmentID: "OBR"),
                        applicationErrorCode: "hl7.obr-missing", diagnosticInformation: text, userMessage: text))
            }
            guard !order.ipcs.isEmpty else {
                let text = "IPC segment missing after OBR of ORC \(order.orcIndex): OMI^O23 needs IPC-1..4"
                errors.append(
                    AcknowledgmentError(
                        condition: .segmentSequenceError, location: ErrorLocation(segmentID: "IPC"),
                        applicationErrorCode: "hl7.ipc-missing", diagnosticInformation: text, userMessage: text))
                continue
            }
            for (ipc, index) in order.ipcs {
                for (field, name) in requiredIPCFields where !valued(ipc, field) {
                    let text = "IPC-\(field) \(name) missing"
                    errors.append(
                        AcknowledgmentError(
                            condition: .requiredFieldMissing,
                            location: ErrorLocation(segmentID: "IPC", segmentSequence: index, field: field),
                            applicationErrorCode: "hl7.ipc-field-missing", diagnosticInformation: text,
                            userMessage: text))
                }
            }
        }
        guard errors.isEmpty else {
            throw HL7Refusal(
                .AE, "OMI^O23 refused: " + errors.compactMap(\.diagnosticInformation).joined(separator: "; "),
                errors: errors)
        }
    }

    static func valued(_ ipc: IPC, _ field: Int) -> Bool {
        let value: EI? =
            switch field {
            case 1: ipc.accessionIdentifier
            case 2: ipc.requestedProcedureID
            case 3: ipc.studyInstanceUID
            default: ipc.scheduledProcedureStepID
            }
        return !(value?.entityIdentifier ?? "").isEmpty
    }

    static func requirePlacerOrderNumber(_ order: Order, purpose: String) throws -> String {
        guard let placer = placerOrderNumber(order) else {
            throw HL7Refusal.error(
                .requiredFieldMissing, "ORC-2 placer order number missing: \(purpose)",
                at: ErrorLocation(segmentID: "ORC", segmentSequence: order.orcIndex, field: 2),
                code: "hl7.placer-missing")
        }
        return placer
    }

    /// OBR-31 reason for study, else OBR-13 relevant clinical information.
    static func clinicalInformation(_ obr: OBR?) -> String? {
        let reason = obr?.reasonsForStudy.first.flatMap { $0.text ?? $0.originalText ?? $0.identifier }
        return reason ?? obr?.relevantClinicalInformation
    }

    func command(_ order: Order, patient: PatientTranslation, pv1: PV1?) throws -> CreateRequest.Command {
        let obr = order.obr
        let examCode = obr?.universalServiceIdentifier?.identifier
        let question = Self.clinicalInformation(obr)
        let provider = order.orc.orderingProviders.first ?? obr?.orderingProviders.first
        return CreateRequest.Command(
            identifiers: patient.requestIdentifiers, examCode: examCode, laterality: try OrderCoding.laterality(order),
            clinicalQuestion: question, referrerID: nil,
            priority: try OrderCoding.priority(order), patientSource: Self.patientSource(pv1?.patientClass),
            location: Self.location(pv1?.assignedPatientLocation),
            pregnancyStatus: try OrderCoding.pregnancyStatus(order),
            referrerRegistrationNumber: provider?.idNumber,
            placerOrderNumber: Self.placerOrderNumber(order),
            fillerOrderNumber: Self.text(order.orc.fillerOrderNumber ?? obr?.fillerOrderNumber))
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
