import HL7
import LightboxDomain

/// How an order's coded items map onto the request (docs/hl7.md "Orders"): the priority, the side
/// and the pregnancy status. A value that is present but not understood is refused with its place
/// in the message, never dropped: a request without its side or pregnancy status would otherwise
/// reach justification looking complete.
enum OrderCoding {
    /// Priority from TQ1-9 (CWE), ORC-7.6 or OBR-27.6. HL7 table 0027 (§4.5.4.9) maps S to
    /// emergency, A and T to urgent and R, P, C to routine; an absent priority is R, the table's
    /// default. The department's priorities the table lacks are sent as local codes: `IP` or
    /// `INPATIENT` for inpatient, `2WW`, `TWW` or `TWO-WEEK-WAIT` for the suspected-cancer pathway;
    /// Lightbox's own names (`ROUTINE`, `URGENT`, `EMERGENCY`) are taken too.
    static func priority(_ order: OrderHandler.Order) throws -> Priority {
        let code =
            order.tq1?.field(9).component(1).text ?? order.orc.quantityTimingPriority
            ?? order.obr?.quantityTimingPriority
        switch code?.uppercased() {
        case nil, "R", "C", "P", "ROUTINE": return .routine
        case "S", "EMERGENCY": return .emergency
        case "A", "T", "URGENT": return .urgent
        case "IP", "INPATIENT": return .inpatient
        case "2WW", "TWW", "TWO-WEEK-WAIT", "TWOWEEKWAIT": return .twoWeekWait
        case let other?:
            throw HL7Refusal.error(
                .tableValueNotFound,
                "priority '\(other)' is not in HL7 table 0027 (S, A, R, P, C, T) nor a local priority "
                    + "(IP inpatient, 2WW two-week wait)",
                at: ErrorLocation(segmentID: order.tq1 != nil ? "TQ1" : "ORC", field: order.tq1 != nil ? 9 : 7),
                code: "hl7.priority")
        }
    }

    /// The side from OBR-46 placer supplemental service information (table 0411, user-defined, as
    /// IHE Radiology profiles carry it): `LT`/`L`/`LEFT`, `RT`/`R`/`RIGHT`, `BI`/`B`/`BT`/`BILATERAL`.
    /// Repetitions that are not a side are other supplemental information and are left alone; two
    /// different sides in one order are refused.
    static func laterality(_ order: OrderHandler.Order) throws -> Laterality? {
        guard let obr = order.obr else { return nil }
        var sides: Set<Laterality> = []
        for repetition in obr.segment.field(46).repetitions {
            guard let code = repetition.component(1).text?.uppercased() else { continue }
            switch code {
            case "LT", "L", "LEFT": sides.insert(.left)
            case "RT", "R", "RIGHT": sides.insert(.right)
            case "BI", "B", "BT", "BIL", "BILATERAL": sides.insert(.bilateral)
            default: continue
            }
        }
        guard sides.count <= 1 else {
            throw HL7Refusal.error(
                .applicationInternalError, "OBR-46 names more than one side; send one order per side or BI",
                at: ErrorLocation(segmentID: "OBR", segmentSequence: order.obrIndex ?? 1, field: 46),
                code: "hl7.laterality-conflict")
        }
        return sides.first
    }

    /// LOINC 82810-3 "Pregnancy status" and its answer list LL4129-4.
    static let pregnancyStatusCode = "82810-3"

    /// The pregnancy status from the order's OBX with OBX-3 LOINC 82810-3 (or an observation named
    /// "pregnancy status"), OBX-5 coded with the LOINC answers (LA15173-0 pregnant, LA26683-5 not
    /// pregnant, LA4489-6 unknown) or HL7 table 0136 style Y/N/U, or NA for not applicable.
    static func pregnancyStatus(_ order: OrderHandler.Order) throws -> PregnancyAnswer? {
        for (obx, index) in order.observations {
            let identifier = obx.observationIdentifier
            let isPregnancy =
                identifier?.identifier == pregnancyStatusCode
                || (identifier?.text ?? identifier?.identifier ?? "").lowercased().contains("pregnan")
            guard isPregnancy else { continue }
            let value = obx.observationValue.first?.component(1).text?.uppercased() ?? ""
            switch value {
            case "LA15173-0", "Y", "YES", "PREGNANT": return .yes
            case "LA26683-5", "N", "NO", "NOT PREGNANT": return .no
            case "LA4489-6", "U", "UNK", "UNKNOWN", "UNSURE": return .unsure
            case "NA", "N/A", "NOT APPLICABLE": return .notApplicable
            default:
                throw HL7Refusal.error(
                    .tableValueNotFound,
                    "OBX-5 pregnancy status '\(value)' is not understood (LA15173-0 pregnant, LA26683-5 not "
                        + "pregnant, LA4489-6 unknown, or Y, N, U, NA)",
                    at: ErrorLocation(segmentID: "OBX", segmentSequence: index, field: 5),
                    code: "hl7.pregnancy-status")
            }
        }
        return nil
    }
}
