import Foundation
import Hummingbird
import LightboxDomain

extension IncidentCategory: APISchema {
    public static let schemaName = "IncidentCategory"
    public static var example: IncidentCategory { IncidentCategory.defaults[0] }
}

extension Incident: APISchema {
    public static let schemaName = "Incident"
    public static var example: Incident {
        Incident(
            id: Examples.id(60), kind: .incident, category: "wrong-exam",
            categoryLabel: "Wrong exam, side or body part", occurredAt: Examples.now, roomID: Examples.id(4),
            roomName: "X-ray 1", examID: Examples.id(2), accessionNumber: "RVJ2026000123", examName: "XR Knee Left",
            modality: .DX, patientID: Examples.id(1),
            staff: [StaffInvolved(staffID: Examples.id(5), name: "Grace Okafor")],
            whatHappened: "The right knee was X-rayed; the request was for the left",
            immediateActions: "Exam stopped after one projection; radiologist informed",
            reportedAt: Examples.now, reportedBy: "g.okafor", reportedByStaffID: Examples.id(5),
            investigation: IncidentInvestigation(
                ownerStaffID: Examples.id(6), ownerName: "Sam Patel", findings: "The side was not checked aloud",
                actions: "Pause and Check refresher for the team", updatedAt: Examples.now, updatedBy: "s.patel",
                closure: "Learning shared at the department meeting", closedAt: Examples.now, closedBy: "s.patel",
                candourNotNeededReason: "The patient asked not to be contacted again"),
            saueCaseID: Examples.id(40),
            contacts: [
                CandourContact(
                    party: .referrer, contactName: "Dr Tolu Adeyemi", contactedAt: Examples.now,
                    contactedByStaffID: Examples.id(6), contactedByName: "Sam Patel", method: "Telephone",
                    notes: "Agreed to re-request the left knee", recordedBy: "s.patel", recordedAt: Examples.now)
            ])
    }
}

extension IncidentDetail: APISchema {
    public static let schemaName = "IncidentDetail"
    public static var example: IncidentDetail {
        IncidentDetail(incident: .example, patient: .example, saueCase: .example)
    }
}

extension IncidentExport: APISchema {
    public static let schemaName = "IncidentExport"
    public static var example: IncidentExport {
        let incident = Incident.example
        return IncidentExport(
            identifiable: true,
            rows: [
                Row(
                    reference: incident.reference, kind: "Incident", category: incident.categoryLabel,
                    status: "Closed", occurredAt: Examples.now, reportedAt: Examples.now, room: "X-ray 1",
                    modality: .DX, examName: "XR Knee Left", accessionNumber: "RVJ2026000123",
                    patientName: "Mrs Ada Lovelace", nhsNumber: "9434765919", hospitalNumber: "RVJ1234567",
                    dateOfBirth: Examples.dateOfBirth, staff: ["Grace Okafor"], whatHappened: incident.whatHappened,
                    immediateActions: incident.immediateActions, investigationOwner: "Sam Patel",
                    findings: "The side was not checked aloud", actions: "Pause and Check refresher",
                    closure: "Learning shared", closedAt: Examples.now, saueReference: "SAUE-2026-00000028",
                    saueStatus: "Confirmed", candourContacts: ["Referrer: 2026-03-02 09:40, by Sam Patel (Telephone)"],
                    candourOutstanding: ["Patient or their representative"],
                    candourNotNeededReason: "The patient asked not to be contacted again")
            ])
    }
}

extension ReportIncident.Command: APISchema {
    public static let schemaName = "ReportIncident"
    public static let memberDefaults: [String: JSONValue] = ["staffIDs": .array([])]
    public static var example: ReportIncident.Command {
        let incident = Incident.example
        return .init(
            kind: .incident, category: incident.category, occurredAt: Examples.now, roomID: Examples.id(4),
            examID: Examples.id(2), accessionNumber: "RVJ2026000123", patientID: Examples.id(1),
            staffIDs: [Examples.id(5)], whatHappened: incident.whatHappened,
            immediateActions: incident.immediateActions)
    }
}

extension RecordIncidentInvestigation.Command: APISchema {
    public static let schemaName = "RecordIncidentInvestigation"
    public static let pathMembers = ["incidentID"]
    public static var example: RecordIncidentInvestigation.Command {
        .init(
            incidentID: Examples.id(60), ownerStaffID: Examples.id(6), findings: "The side was not checked aloud",
            actions: "Pause and Check refresher for the team")
    }
}

extension RecordCandourContact.Command: APISchema {
    public static let schemaName = "RecordCandourContact"
    public static let pathMembers = ["incidentID"]
    public static var example: RecordCandourContact.Command {
        .init(
            incidentID: Examples.id(60), party: .patient, contactName: "Mr John Lovelace (husband)",
            contactedAt: Examples.now, contactedByStaffID: Examples.id(6), method: "In person",
            notes: "Apologised; explained the extra dose and its risk")
    }
}

extension LinkIncidentSAUE.Command: APISchema {
    public static let schemaName = "LinkIncidentSAUE"
    public static let pathMembers = ["incidentID"]
    public static let memberDefaults: [String: JSONValue] = ["exposure.tissueEffectsBeyondTransientErythema": false]
    public static var example: LinkIncidentSAUE.Command {
        .init(
            incidentID: Examples.id(60), saueCaseID: Examples.id(40), exposure: SAUEIncident.example,
            summary: "Right knee X-rayed instead of the left")
    }
}

extension CloseIncident.Command: APISchema {
    public static let schemaName = "CloseIncident"
    public static let pathMembers = ["incidentID"]
    public static var example: CloseIncident.Command {
        .init(
            incidentID: Examples.id(60), closure: "Learning shared at the department meeting",
            candourNotNeededReason: "The patient asked not to be contacted again")
    }
}

extension WebApplication {
    /// Incidents and near misses (issue 17): reported by anyone in the department, read by clinical staff, investigated,
    /// linked to the dose register's SAUE classification, told under the duty of candour, closed and exported by the
    /// manager.
    static var incidentRoutes: [APIRoute] {
        let filters = [
            QueryParameter("status", "reported, under-investigation or closed"),
            QueryParameter("kind", "incident or near-miss"),
            QueryParameter("category", "A category code (GET /api/incident-categories)"),
            QueryParameter("roomID", "Only this room's incidents", format: "uuid"),
            QueryParameter("patientID", "Only this patient's incidents", format: "uuid"),
            QueryParameter("examID", "Only this exam's incidents", format: "uuid"),
            QueryParameter("from", "Occurred on or after this day (YYYY-MM-DD)", format: "date"),
            QueryParameter("to", "Occurred on or before this day (YYYY-MM-DD)", format: "date"),
            QueryParameter("limit", "At most this many (1 to \(IncidentQuery.maximumLimit); 200 by default)"),
        ]
        return [
            .json(
                .get, "/api/incident-categories", id: "listIncidentCategories",
                summary: "The department's incident categories (configuration `incidentCategories`)", tag: "Incidents",
                access: .permission(.reportIncident), body: NoBody.self, response: [IncidentCategory].self
            ) { call, _ in
                try await call.department.viewThresholds.configurationInForce().incidentCategories
            },
            .json(
                .post, "/api/incidents", id: "reportIncident",
                summary:
                    "Report an incident or near miss; the exam's patient and room are taken from the record; audited",
                tag: "Incidents", access: .permission(.reportIncident), body: ReportIncident.Command.self,
                response: Outcome<Incident>.self, status: .created, problems: [.unprocessableContent]
            ) { call, command in
                try await call.department.reportIncident(command, by: call.actor)
            },
            .json(
                .get, "/api/incidents", id: "listIncidents",
                summary: "Incidents and near misses, newest first, by the filters; audited", tag: "Incidents",
                access: .permission(.viewIncidents), query: filters, body: NoBody.self, response: [Incident].self,
                problems: [.unprocessableContent]
            ) { call, _ in
                try await call.department.listIncidents(try call.incidentQuery(), by: call.actor)
            },
            .raw(
                .get, "/api/incidents/export", id: "exportIncidents",
                summary:
                    "The incident log by the filters as CSV (or ?format=json): de-identified by default (no patient "
                    + "name, NHS or hospital number, date of birth or accession number, and the patient's identifiers "
                    + "struck out of the text); ?identifiers=true includes them; audited",
                tag: "Incidents", access: .permission(.manageIncidents),
                query: filters + [
                    QueryParameter("identifiers", "true: include the patients' identifiers (default false)"),
                    QueryParameter("format", "csv (default) or json"),
                ], responseContentType: "text/csv", responseSchema: IncidentExport.self,
                problems: [.unprocessableContent]
            ) { call in
                let query = try call.incidentQuery()
                var errors: [Problem.FieldError] = []
                let identifiable: Bool
                switch call.query("identifiers")?.lowercased() {
                case nil, "false": identifiable = false
                case "true": identifiable = true
                case let other?:
                    identifiable = false
                    errors.append(.init(field: "identifiers", problem: "'\(other)' is not true or false"))
                }
                let format = call.query("format")?.lowercased() ?? "csv"
                if format != "csv" && format != "json" {
                    errors.append(.init(field: "format", problem: "'\(format)' is not csv or json"))
                }
                guard errors.isEmpty else { throw Problem.invalid("The export's options are wrong.", errors: errors) }
                let export = try await call.department.exportIncidents(
                    query, identifiable: identifiable, by: call.actor)
                if format == "json" { return try call.environment.jsonResponse(export, status: .ok) }
                return APICall.file(
                    IncidentCSV.document(export, timeZone: call.department.environment.configuration.timeZone),
                    "text/csv; charset=utf-8", identifiable ? "incidents-identifiable.csv" : "incidents.csv")
            },
            .json(
                .get, "/api/incidents/{incidentID}", id: "getIncident",
                summary: "One incident with its patient and dose incident case; audited", tag: "Incidents",
                access: .permission(.viewIncidents), body: NoBody.self, response: IncidentDetail.self,
                problems: [.notFound]
            ) { call, _ in
                try await call.department.listIncidents.one(try call.id("incidentID"), by: call.actor)
            },
            .json(
                .post, "/api/incidents/{incidentID}/investigation", id: "recordIncidentInvestigation",
                summary: "Open or update the investigation: owner, findings, actions; audited", tag: "Incidents",
                access: .permission(.manageIncidents), body: RecordIncidentInvestigation.Command.self,
                response: Outcome<Incident>.self, problems: [.notFound, .conflict, .unprocessableContent]
            ) { call, command in
                try await call.department.recordIncidentInvestigation(command, by: call.actor)
            },
            .json(
                .post, "/api/incidents/{incidentID}/candour-contacts", id: "recordCandourContact",
                summary:
                    "Record a duty-of-candour contact (referrer, practitioner or patient) with its time and who made "
                    + "it; audited",
                tag: "Incidents", access: .permission(.manageIncidents), body: RecordCandourContact.Command.self,
                response: Outcome<Incident>.self, status: .created,
                problems: [.notFound, .conflict, .unprocessableContent]
            ) { call, command in
                try await call.department.recordCandourContact(command, by: call.actor)
            },
            .json(
                .post, "/api/incidents/{incidentID}/saue", id: "linkIncidentSAUE",
                summary:
                    "Link a dose incident (SAUE) case (saueCaseID) or open one from the incident (exposure, summary): "
                    + "the classifier proposes, the physicist decides; audited",
                tag: "Incidents", access: .permission(.manageIncidents), body: LinkIncidentSAUE.Command.self,
                response: Outcome<Incident>.self, problems: [.notFound, .conflict, .unprocessableContent]
            ) { call, command in
                try await call.department.linkIncidentSAUE(command, by: call.actor)
            },
            .json(
                .post, "/api/incidents/{incidentID}/closure", id: "closeIncident",
                summary:
                    "Close the incident with its conclusion (needs findings; parties not told need a reason); audited",
                tag: "Incidents", access: .permission(.manageIncidents), body: CloseIncident.Command.self,
                response: Outcome<Incident>.self, problems: [.notFound, .conflict, .unprocessableContent]
            ) { call, command in
                try await call.department.closeIncident(command, by: call.actor)
            },
        ]
    }
}

extension APICall {
    /// The incident listing's filters from the query, every wrong one named at once.
    func incidentQuery() throws -> IncidentQuery {
        var errors: [Problem.FieldError] = []
        func known<T: RawRepresentable & CaseIterable>(_ name: String, _ type: T.Type) -> T?
        where T.RawValue == String {
            guard let raw = query(name) else { return nil }
            guard let value = T(rawValue: raw) else {
                errors.append(
                    .init(
                        field: name,
                        problem: "'\(raw)' is not one of " + T.allCases.map(\.rawValue).joined(separator: ", ")))
                return nil
            }
            return value
        }
        let status = known("status", IncidentStatus.self)
        let kind = known("kind", IncidentKind.self)
        let roomID = queryUUID("roomID", errors: &errors)
        let patientID = queryUUID("patientID", errors: &errors)
        let examID = queryUUID("examID", errors: &errors)
        let limit = queryLimit(fallback: 200, maximum: IncidentQuery.maximumLimit, errors: &errors)
        let zone = department.environment.configuration.timeZone
        var from: Date?
        var to: Date?
        for (name, isEnd) in [("from", false), ("to", true)] {
            guard let raw = query(name) else { continue }
            guard let day = try? CalendarDate(iso: raw) else {
                errors.append(.init(field: name, problem: "must be a date as YYYY-MM-DD"))
                continue
            }
            if isEnd { to = day.adding(days: 1).start(in: zone) } else { from = day.start(in: zone) }
        }
        if let from, let to, to <= from { errors.append(.init(field: "to", problem: "is before from")) }
        guard errors.isEmpty else { throw Problem.invalid("The incident filters are wrong.", errors: errors) }
        return IncidentQuery(
            status: status, kind: kind, category: query("category"), roomID: roomID, patientID: patientID,
            examID: examID, from: from, to: to, limit: limit)
    }
}
