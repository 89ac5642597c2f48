import Foundation

/// The incident log by the listing's filters, identifiable or de-identified (`IncidentExport`). Audited: the
/// export (`incident.exported`, saying which variant) and, for the identifiable one, a read of each patient's record
/// it discloses.
public struct ExportIncidents: Sendable {
    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ query: IncidentQuery, identifiable: Bool, by actor: Actor) async throws
        -> IncidentExport
    {
        try environment.policy.require(actor, .manageIncidents)
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            let configuration = try await environment.configuration(at: now, in: unit)
            let zone = configuration.timeZone
            let incidents = try await unit.incidents.list(query)
            var rows: [IncidentExport.Row] = []
            var disclosed: [UUID: Int] = [:]
            for incident in incidents {
                var patient: Patient?
                if let patientID = incident.patientID { patient = try await unit.patients.get(patientID) }
                var saueCase: SAUECase?
                if let caseID = incident.saueCaseID { saueCase = try await unit.saueCases.get(caseID) }
                let redact: (String) -> String =
                    identifiable ? { $0 } : { text in patient.map { PatientRedaction($0)(text) } ?? text }
                let investigation = incident.investigation
                let contacts = incident.contacts.map { contact in
                    let name = (identifiable || contact.party != .patient) ? contact.contactName : nil
                    return "\(contact.party.label)\(name.map { " (\($0))" } ?? ""): "
                        + IncidentTime.format(contact.contactedAt, zone)
                        + ", by \(contact.contactedByName) (\(redact(contact.method)))"
                }
                if identifiable, let id = patient?.id { disclosed[id, default: 0] += 1 }
                rows.append(
                    IncidentExport.Row(
                        reference: incident.reference, kind: incident.kind.label, category: incident.categoryLabel,
                        status: incident.status.label, occurredAt: incident.occurredAt,
                        reportedAt: incident.reportedAt, room: incident.roomName, modality: incident.modality,
                        examName: incident.examName,
                        accessionNumber: identifiable ? incident.accessionNumber : nil,
                        patientName: identifiable ? patient?.name.display : nil,
                        nhsNumber: identifiable ? patient?.nhsNumber?.digits : nil,
                        hospitalNumber: identifiable ? patient?.hospitalNumbers.first?.value : nil,
                        dateOfBirth: identifiable ? patient?.dateOfBirth : nil, staff: incident.staff.map(\.name),
                        whatHappened: redact(incident.whatHappened),
                        immediateActions: redact(incident.immediateActions),
                        investigationOwner: investigation?.ownerName, findings: investigation?.findings.map(redact),
                        actions: investigation?.actions.map(redact), closure: investigation?.closure.map(redact),
                        closedAt: investigation?.closedAt, saueReference: saueCase?.reference,
                        saueStatus: saueCase?.status.label, candourContacts: contacts,
                        candourOutstanding: incident.candourOutstanding.map(\.label),
                        candourNotNeededReason: investigation?.candourNotNeededReason.map(redact)))
            }
            try await unit.record(
                actor, "incident.exported", patientID: nil, examID: nil, at: now,
                "Exported \(rows.count) incidents "
                    + (identifiable ? "with patient identifiers" : "without patient identifiers"))
            for (patientID, count) in disclosed.sorted(by: { $0.key.uuidString < $1.key.uuidString }) {
                try await unit.record(
                    actor, "incident.exported", patientID: patientID, examID: nil, at: now,
                    "Disclosed in an identifiable incident export (\(count) incident\(count == 1 ? "" : "s"))")
            }
            return IncidentExport(identifiable: identifiable, rows: rows)
        }
    }
}
