import Foundation
import HTTPTypes
import Hummingbird
import LightboxDomain
import NIOCore

/// Body of `POST /api/exams/{examID}/contrast-reactions`.
extension RecordContrastReaction.Command: APISchema {
    public static let schemaName = "RecordContrastReaction"
    public static let pathMembers = ["examID"]
    public static var example: RecordContrastReaction.Command {
        .init(
            examID: Examples.id(2), severity: .moderate,
            description: "Urticaria and wheeze five minutes after injection",
            treatment: "Chlorphenamine 10 mg IV, salbutamol nebuliser; observed 30 minutes")
    }
}

/// Body of `PUT /api/referrers/{referrerID}`.
extension UpdateReferrer.Command: APISchema {
    public static let schemaName = "UpdateReferrer"
    public static let pathMembers = ["referrerID"]
    public static let memberDefaults: [String: JSONValue] = ["scope.unrestricted": false, "scope.rules": []]
    public static var example: UpdateReferrer.Command {
        let referrer = Referrer.example
        return .init(
            referrerID: Examples.id(6), name: referrer.name, kind: referrer.kind,
            organisationCode: referrer.organisationCode, scope: referrer.scope, scopeExpires: referrer.scopeExpires,
            active: true)
    }
}

/// Body of `POST /api/exams/{examID}/vital-signs`.
extension RecordVitalSigns.Command: APISchema {
    public static let schemaName = "RecordVitalSigns"
    public static let pathMembers = ["examID"]
    public static var example: RecordVitalSigns.Command {
        .init(
            examID: Examples.id(2),
            vitalSigns: VitalSigns(
                respiratoryRate: 18, oxygenSaturation: 97, onSupplementalOxygen: false, systolicPressure: 124,
                diastolicPressure: 78, pulse: 88, temperature: 36.8, alert: true, measuredAt: Examples.now,
                measuredBy: Examples.id(5)))
    }
}

/// Body of `POST /api/exams/{examID}/vital-signs-alerts/{alertID}/acknowledgement`.
extension AcknowledgeVitalSignsAlert.Command: APISchema {
    public static let schemaName = "AcknowledgeVitalSignsAlert"
    public static let pathMembers = ["examID", "alertID"]
    public static var example: AcknowledgeVitalSignsAlert.Command {
        .init(examID: Examples.id(2), alertID: Examples.id(11), action: "Medical team called; observations repeated")
    }
}

/// Body of `POST /api/exams/{examID}/finding-flags`.
extension FlagFinding.Command: APISchema {
    public static let schemaName = "FlagFinding"
    public static let pathMembers = ["examID"]
    public static var example: FlagFinding.Command {
        .init(examID: Examples.id(2), note: "? pneumothorax left apex", suggestedCategory: .critical)
    }
}

/// Body of `POST /api/exams/{examID}/report/alert-acknowledgement`.
extension AcknowledgeReportAlert.Command: APISchema {
    public static let schemaName = "AcknowledgeReportAlert"
    public static let pathMembers = ["examID"]
    public static var example: AcknowledgeReportAlert.Command {
        .init(examID: Examples.id(2), action: "Patient called back to ED")
    }
}

extension OpenAlert: APISchema {
    public static let schemaName = "OpenAlert"
    public static var example: OpenAlert {
        OpenAlert(
            kind: .reportAlert, examID: Examples.id(2), patientID: Examples.id(1), accessionNumber: "LB0A1B2C3D4E5F60",
            examName: "XR Chest", alertID: Examples.id(11), category: .critical, urgent: true,
            summary: "critical report not yet acknowledged by the referrer's team", raisedAt: Examples.now,
            addressedTo: Examples.id(5), referrerID: Examples.id(6), escalatesAt: Examples.now, escalationLevel: 1)
    }
}

extension ExposureRecord: APISchema {
    public static let schemaName = "ExposureRecord"
    public static var example: ExposureRecord {
        ExposureRecord(
            examID: Examples.id(2), accessionNumber: "LB0A1B2C3D4E5F60", examName: "XR Chest",
            items: [.init(key: "referenceAirKerma", label: "Reference-point air kerma", value: "PA: 0.4 mGy")])
    }
}

extension WebApplication {
    /// The clinical-safety routes of issue 15: what the pathway's other routes did not reach.
    static var safetyRoutes: [APIRoute] {
        [
            .json(
                .post, "/api/exams/{examID}/contrast-reactions", id: "recordContrastReaction",
                summary:
                    "Record a contrast reaction (severity, treatment; by the signed-in operator) and flag the patient",
                tag: "Pathway", access: .permission(.performExam), body: RecordContrastReaction.Command.self,
                response: Outcome<Exam>.self, status: .created, problems: [.conflict]
            ) { call, command in
                try await call.department.recordContrastReaction(command, by: call.actor)
            },
            .json(
                .post, "/api/exams/{examID}/vital-signs", id: "recordVitalSigns",
                summary:
                    "Record observations (time, who measured); out-of-range values alert the supervising radiographer",
                tag: "Pathway", access: .permission(.pauseAndCheck), body: RecordVitalSigns.Command.self,
                response: Outcome<Exam>.self, status: .created, problems: [.conflict]
            ) { call, command in
                try await call.department.recordVitalSigns(command, by: call.actor)
            },
            .json(
                .post, "/api/exams/{examID}/vital-signs-alerts/{alertID}/acknowledgement",
                id: "acknowledgeVitalSignsAlert",
                summary:
                    "Acknowledge an observations alert (supervising radiographer or radiologist); audited with its time",
                tag: "Pathway", access: .permission(.checkImages), body: AcknowledgeVitalSignsAlert.Command.self,
                response: Outcome<Exam>.self, problems: [.conflict]
            ) { call, command in
                try await call.department.acknowledgeVitalSignsAlert(command, by: call.actor)
            },
            .json(
                .get, "/api/alerts", id: "listOpenAlerts",
                summary: "Open alerts: observations out of range, report alerts not yet acknowledged", tag: "Pathway",
                access: .permission(.viewExams), body: NoBody.self, response: [OpenAlert].self
            ) { call, _ in
                try await call.department.listOpenAlerts(by: call.actor).value
            },
            .json(
                .post, "/api/exams/{examID}/finding-flags", id: "flagFinding",
                summary: "Flag a possible urgent or unexpected finding for the reporter (operator or image checker)",
                tag: "Reports", access: .permission(.performExam), body: FlagFinding.Command.self,
                response: Outcome<Exam>.self, status: .created, problems: [.conflict]
            ) { call, command in
                try await call.department.flagFinding(command, by: call.actor)
            },
            .json(
                .post, "/api/exams/{examID}/report/alert-acknowledgement", id: "acknowledgeReportAlert",
                summary: "The referrer's team acknowledges the report's alert (audited with its time)", tag: "Reports",
                access: .permission(.createRequest), body: AcknowledgeReportAlert.Command.self,
                response: Outcome<Exam>.self, problems: [.conflict]
            ) { call, command in
                try await call.department.acknowledgeReportAlert(command, by: call.actor)
            },
            .json(
                .post, "/api/alerts/escalation", id: "escalateOverdueAlerts",
                summary: "Escalate every report alert past its clock without acknowledgement (also run by the server)",
                tag: "Reports", access: .permission(.viewAudit), body: NoBody.self, response: Outcome<[Exam]>.self
            ) { call, _ in
                try await call.department.escalateOverdueAlerts(by: call.actor)
            },
            .raw(
                .get, "/api/exams/{examID}/exposure-record", id: "getExposureRecord",
                summary:
                    "The exposure record an inspector asks for: JSON, or a printable page (Accept: text/html or "
                    + "?format=html) or CSV (Accept: text/csv or ?format=csv)",
                tag: "Pathway", access: .permission(.viewExams),
                query: [QueryParameter("format", "html or csv (instead of the Accept header)")],
                responseSchema: ExposureRecord.self, problems: [.conflict, .unprocessableContent]
            ) { call in
                let format = call.query("format")?.lowercased()
                if let format, format != "csv" && format != "html" {
                    throw Problem.invalid(
                        "The exposure record format is wrong.",
                        errors: [.init(field: "format", problem: "'\(format)' is not html or csv")])
                }
                let record = try await call.department.viewExposureRecord(
                    ViewExposureRecord.Command(examID: call.id("examID")), by: call.actor
                ).value
                let accept = call.request.headers[.accept]?.lowercased() ?? ""
                let document = ExposureRecordDocument(record: record)
                func text(_ body: String, _ type: String, _ filename: String? = nil) -> Response {
                    var headers: HTTPFields = [.contentType: type]
                    if let filename { headers[.contentDisposition] = "attachment; filename=\"\(filename)\"" }
                    return Response(
                        status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
                }
                switch format {
                case "csv":
                    return text(
                        document.csv, "text/csv; charset=utf-8", "exposure-record-\(record.accessionNumber).csv")
                case "html": return text(document.html, "text/html; charset=utf-8")
                default:
                    if accept.contains("text/csv") {
                        return text(
                            document.csv, "text/csv; charset=utf-8", "exposure-record-\(record.accessionNumber).csv")
                    }
                    if accept.contains("text/html") { return text(document.html, "text/html; charset=utf-8") }
                    return try call.environment.jsonResponse(record, status: .ok)
                }
            },
            .json(
                .put, "/api/referrers/{referrerID}", id: "updateReferrer",
                summary: "Change a referrer's name, organisation, referral scope, its expiry, or withdraw them",
                tag: "Referrers", access: .permission(.manageReferrers), body: UpdateReferrer.Command.self,
                response: Outcome<Referrer>.self
            ) { call, command in
                try await call.department.updateReferrer(command, by: call.actor)
            },
        ]
    }
}
