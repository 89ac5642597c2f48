import Foundation
import LightboxDomain
import Testing

/// Incidents and near misses through the use cases: reported with the exam's patient and room, refused with every
/// wrong field named and nothing stored, investigated, told under the duty of candour, linked to an SAUE case
/// (opened from the incident through the classifier, or an existing one), closed only with findings and either every
/// party told or a reason, exported with and without patient identifiers; every step audited.
@Suite("Incidents")
struct IncidentTests {
    /// A justified, booked knee X-ray of a new patient.
    func bookedExam(_ f: Fixture) async throws -> (Patient, Exam) {
        let patient = try await f.patient(sex: .male, age: 40)
        let exam = try await f.book(try await f.justify(try await f.request("XKNEEJ", for: patient)))
        return (patient, exam)
    }

    func report(_ f: Fixture, _ exam: Exam, kind: IncidentKind = .incident, category: String = "wrong-exam")
        async throws -> Incident
    {
        try await f.department.reportIncident(
            .init(
                kind: kind, category: category, occurredAt: Fixture.start - 600,
                accessionNumber: exam.accessionNumber, staffIDs: [f.radiographer.staffID!],
                whatHappened: "The right knee was X-rayed; the request was for the left",
                immediateActions: "Stopped after one projection; radiologist told"),
            by: f.radiographer
        ).value
    }

    @Test("A report takes the exam's patient and room by accession number, names the staff, and is audited")
    func reportLinksTheRecord() async throws {
        let f = try await Fixture.make()
        let (patient, exam) = try await bookedExam(f)
        let incident = try await report(f, exam)
        #expect(incident.examID == exam.id && incident.patientID == patient.id)
        #expect(incident.roomID == f.xrayRoom.id && incident.roomName == "X-ray 1")
        #expect(incident.categoryLabel == "Wrong exam, side or body part")
        #expect(incident.staff.map(\.staffID) == [f.radiographer.staffID!])
        #expect(incident.status == .reported && incident.reference.hasPrefix("INC-2026-"))
        #expect(incident.candourOutstanding == [.referrer, .practitioner, .patient])
        let audit = try #require(await f.store.state.audit.last)
        #expect(audit.action == "incident.reported" && audit.patientID == patient.id && audit.examID == exam.id)
        // A support worker reports a fall with no exam; they may not read the list, a radiographer may.
        let fall = try await f.department.reportIncident(
            .init(
                kind: .nearMiss, category: "fall", roomID: f.ctRoom.id, patientID: patient.id,
                whatHappened: "Patient slipped getting off the table; caught by the assistant",
                immediateActions: "Checked for injury: none"),
            by: f.supportWorker
        ).value
        #expect(fall.patientID == patient.id && fall.examID == nil && fall.candourOutstanding.isEmpty)
        _ = await f.expectRefused(.permissionDenied) {
            _ = try await f.department.listIncidents(by: f.supportWorker)
        }
        let listed = try await f.department.listIncidents(IncidentQuery(kind: .nearMiss), by: f.radiographer)
        #expect(listed.map(\.id) == [fall.id])
        let all = try await f.department.listIncidents(by: f.radiographer)
        #expect(Set(all.map(\.id)) == [fall.id, incident.id])
        #expect(await f.store.state.audit.last?.action == "incident.read")
    }

    @Test("A wrong report is refused with every field named and nothing stored")
    func reportRefusals() async throws {
        let f = try await Fixture.make()
        let (_, exam) = try await bookedExam(f)
        let other = try await f.patient()
        let error = await f.expectRefused(.validationFailed) {
            _ = try await f.department.reportIncident(
                .init(
                    kind: .incident, category: "spilt-coffee", occurredAt: Fixture.start + 3600, examID: exam.id,
                    patientID: other.id, staffIDs: [UUID()], whatHappened: "  ", immediateActions: ""),
                by: f.radiographer)
        }
        #expect(
            error?.fields.map(\.field)
                == ["category", "occurredAt", "whatHappened", "immediateActions", "patientID", "staffIDs"],
            "\(String(describing: error))")
        let unknown = await f.expectRefused(.validationFailed) {
            _ = try await f.department.reportIncident(
                .init(
                    kind: .incident, category: "fall", accessionNumber: "NOPE", whatHappened: "Fell",
                    immediateActions: "Helped up"), by: f.radiographer)
        }
        #expect(unknown?.fields.map(\.field) == ["accessionNumber"])
        _ = await f.expectRefused(.permissionDenied) {
            _ = try await f.department.reportIncident(
                .init(kind: .incident, category: "fall", whatHappened: "Fell", immediateActions: "Helped up"),
                by: f.referrerActor)
        }
    }

    @Test("The category list is configuration: a department's own category is accepted, a retired one refused")
    func configurableCategories() async throws {
        var configuration = DepartmentConfiguration.default
        configuration.incidentCategories = [IncidentCategory(code: "lift", label: "Lift out of order")]
        let f = try await Fixture.make(configuration: configuration)
        let incident = try await f.department.reportIncident(
            .init(kind: .incident, category: "lift", whatHappened: "Stuck", immediateActions: "Engineer called"),
            by: f.supportWorker
        ).value
        #expect(incident.categoryLabel == "Lift out of order")
        let refused = await f.expectRefused(.validationFailed) {
            _ = try await f.department.reportIncident(
                .init(kind: .incident, category: "fall", whatHappened: "Fell", immediateActions: "Helped up"),
                by: f.supportWorker)
        }
        #expect(refused?.fields.first?.problem.contains("lift") == true)
    }

    @Test("Investigated, told under the duty of candour, closed only with findings and every party told or a reason")
    func investigateTellClose() async throws {
        let f = try await Fixture.make()
        let (_, exam) = try await bookedExam(f)
        let incident = try await report(f, exam)
        let owner = f.radiographer2.staffID!
        // Closing before an investigation with findings is refused.
        _ = await f.expectRefused(.transitionNotAllowed) {
            _ = try await f.department.closeIncident(.init(incidentID: incident.id, closure: "Done"), by: f.manager)
        }
        let noOwner = await f.expectRefused(.validationFailed) {
            _ = try await f.department.recordIncidentInvestigation(
                .init(incidentID: incident.id, findings: "Side not checked"), by: f.manager)
        }
        #expect(noOwner?.fields.map(\.field) == ["ownerStaffID"])
        _ = await f.expectRefused(.permissionDenied) {
            _ = try await f.department.recordIncidentInvestigation(
                .init(incidentID: incident.id, ownerStaffID: owner), by: f.radiographer)
        }
        var updated = try await f.department.recordIncidentInvestigation(
            .init(incidentID: incident.id, ownerStaffID: owner), by: f.manager
        ).value
        #expect(updated.status == .underInvestigation && updated.investigation?.findings == nil)
        updated = try await f.department.recordIncidentInvestigation(
            .init(incidentID: incident.id, findings: "The side was not checked aloud", actions: "Refresher"),
            by: f.manager
        ).value
        #expect(updated.investigation?.ownerStaffID == owner && updated.investigation?.actions == "Refresher")

        // The referrer's and practitioner's names come from the exam; a contact ahead of now is refused.
        let ahead = await f.expectRefused(.validationFailed) {
            _ = try await f.department.recordCandourContact(
                .init(
                    incidentID: incident.id, party: .referrer, contactedAt: Fixture.start + 60,
                    contactedByStaffID: owner, method: "Telephone"), by: f.manager)
        }
        #expect(ahead?.fields.map(\.field) == ["contactedAt"])
        let noStaff = await f.expectRefused(.validationFailed) {
            _ = try await f.department.recordCandourContact(
                .init(incidentID: incident.id, party: .patient, contactedAt: Fixture.start, method: " "),
                by: f.manager)
        }
        #expect(noStaff?.fields.map(\.field) == ["contactedByStaffID", "method"])
        updated = try await f.department.recordCandourContact(
            .init(
                incidentID: incident.id, party: .referrer, contactedAt: Fixture.start - 60, contactedByStaffID: owner,
                method: "Telephone"), by: f.manager
        ).value
        let name = f.edDoctor.name
        #expect(
            updated.contacts.last?.contactName
                == ([name.prefix].compactMap { $0 } + name.given + [name.family]).joined(separator: " "))
        #expect(updated.contacts.last?.contactedByStaffID == owner)
        updated = try await f.department.recordCandourContact(
            .init(
                incidentID: incident.id, party: .practitioner, contactedAt: Fixture.start - 30,
                contactedByStaffID: owner, method: "In person"), by: f.manager
        ).value
        #expect(updated.contacts.last?.contactName?.isEmpty == false)
        #expect(updated.candourOutstanding == [.patient])
        let audit = try #require(await f.store.state.audit.last)
        #expect(audit.action == "incident.candour-contact" && audit.patientID == incident.patientID)

        // The patient not told: closing needs a reason; with one it closes, and a closed incident is not changed.
        let untold = await f.expectRefused(.validationFailed) {
            _ = try await f.department.closeIncident(
                .init(incidentID: incident.id, closure: "Learning shared"), by: f.manager)
        }
        #expect(untold?.fields.map(\.field) == ["candourNotNeededReason"])
        #expect(untold?.fields.first?.problem.contains("patient") == true)
        let closed = try await f.department.closeIncident(
            .init(
                incidentID: incident.id, closure: "Learning shared",
                candourNotNeededReason: "Told at the time by the radiographer; asked for no letter"), by: f.manager
        ).value
        #expect(closed.status == .closed && closed.investigation?.closedBy == "manager")
        #expect(await f.store.state.audit.last?.action == "incident.closed")
        _ = await f.expectRefused(.transitionNotAllowed) {
            _ = try await f.department.recordCandourContact(
                .init(
                    incidentID: incident.id, party: .patient, contactedAt: Fixture.start, contactedByStaffID: owner,
                    method: "Letter"), by: f.manager)
        }
        let closedList = try await f.department.listIncidents(IncidentQuery(status: .closed), by: f.manager)
        #expect(closedList.map(\.id) == [incident.id])
    }

    @Test("An SAUE case is opened from the incident through the classifier, or an existing one is linked, once")
    func saueLink() async throws {
        let f = try await Fixture.make()
        let (patient, exam) = try await bookedExam(f)
        let incident = try await report(f, exam, category: "wrong-patient")
        // The notification's summary must not name the patient: refused, nothing stored.
        let named = await f.expectRefused(.validationFailed) {
            _ = try await f.department.linkIncidentSAUE(
                .init(
                    incidentID: incident.id,
                    exposure: SAUEIncident(kind: .accidental, totalEffectiveDoseMilliSievert: 4),
                    summary: "\(patient.name.family) X-rayed instead of another patient"), by: f.manager)
        }
        #expect(named?.fields.map(\.field) == ["summary"])
        _ = await f.expectRefused(.permissionDenied) {
            _ = try await f.department.linkIncidentSAUE(
                .init(incidentID: incident.id, saueCaseID: UUID()), by: f.radiographer)
        }
        let linked = try await f.department.linkIncidentSAUE(
            .init(
                incidentID: incident.id, exposure: SAUEIncident(kind: .accidental, totalEffectiveDoseMilliSievert: 4),
                summary: "Knee X-rayed on the wrong patient"), by: f.manager
        ).value
        let caseID = try #require(linked.saueCaseID)
        let actions = await f.store.state.audit.suffix(2).map(\.action)
        #expect(actions == ["saue.reported", "incident.saue-linked"])
        let saueCase = try await f.department.listSAUECases.one(caseID, by: f.physicistActor)
        #expect(saueCase.examID == exam.id && saueCase.patientID == patient.id)
        #expect(saueCase.proposal.proposed == .accidentalAdult && saueCase.status == .awaitingReview)
        #expect(saueCase.incident.patientAgeYears == 40)
        let detail = try await f.department.listIncidents.one(incident.id, by: f.manager)
        #expect(detail.saueCase?.id == caseID && detail.patient?.id == patient.id)
        _ = await f.expectRefused(.transitionNotAllowed) {
            _ = try await f.department.linkIncidentSAUE(
                .init(incidentID: incident.id, saueCaseID: caseID), by: f.manager)
        }
        // A second incident about the same exam may not take the case already linked; another exam's case is refused.
        let second = try await report(f, exam, kind: .incident, category: "radiation")
        let taken = await f.expectRefused(.validationFailed) {
            _ = try await f.department.linkIncidentSAUE(
                .init(incidentID: second.id, saueCaseID: caseID), by: f.manager)
        }
        #expect(taken?.fields.first?.problem.contains(incident.reference) == true)
        let (_, otherExam) = try await bookedExam(f)
        let otherCase = try await f.department.reportSAUE(
            .init(
                examID: otherExam.id, occurredOn: nil, summary: "Repeat",
                incident: SAUEIncident(kind: .accidental, totalEffectiveDoseMilliSievert: 0.1)),
            by: f.radiographer)
        let wrongExam = await f.expectRefused(.validationFailed) {
            _ = try await f.department.linkIncidentSAUE(
                .init(incidentID: second.id, saueCaseID: otherCase.id), by: f.manager)
        }
        #expect(wrongExam?.fields.map(\.field) == ["saueCaseID"])
        let both = await f.expectRefused(.validationFailed) {
            _ = try await f.department.linkIncidentSAUE(.init(incidentID: second.id), by: f.manager)
        }
        #expect(both?.fields.map(\.field) == ["saueCaseID"])
    }

    @Test("The export with identifiers carries them; the de-identified one carries none, not even in the text")
    func export() async throws {
        let f = try await Fixture.make()
        let (patient, exam) = try await bookedExam(f)
        let nhs = try #require(patient.nhsNumber?.digits)
        let hospital = try #require(patient.hospitalNumbers.first?.value)
        let spaced = "\(nhs.prefix(3)) \(nhs.dropFirst(3).prefix(3)) \(nhs.suffix(4))"
        let incident = try await f.department.reportIncident(
            .init(
                kind: .incident, category: "wrong-patient", occurredAt: Fixture.start - 600, examID: exam.id,
                whatHappened:
                    "Called ALEX \(patient.name.family.uppercased()) (NHS \(spaced), \(hospital), born "
                    + "\(patient.dateOfBirth?.iso ?? "")) and X-rayed them instead",
                immediateActions: "Apologised to \(patient.name.family)"),
            by: f.radiographer
        ).value
        _ = try await f.department.recordIncidentInvestigation(
            .init(
                incidentID: incident.id, ownerStaffID: f.radiographer2.staffID!,
                findings: "\(patient.name.family) answered to the wrong name"), by: f.manager)
        _ = await f.expectRefused(.permissionDenied) {
            _ = try await f.department.exportIncidents(IncidentQuery(), identifiable: false, by: f.radiographer)
        }
        let identifiable = try await f.department.exportIncidents(IncidentQuery(), identifiable: true, by: f.manager)
        let row = try #require(identifiable.rows.first)
        #expect(row.nhsNumber == nhs && row.hospitalNumber == hospital && row.accessionNumber == exam.accessionNumber)
        #expect(row.patientName == patient.name.display && row.dateOfBirth == patient.dateOfBirth)
        #expect(row.whatHappened.contains(patient.name.family.uppercased()))
        let audit = await f.store.state.audit.suffix(2)
        #expect(audit.map(\.action) == ["incident.exported", "incident.exported"])
        #expect(audit.last?.patientID == patient.id)

        let plain = try await f.department.exportIncidents(IncidentQuery(), identifiable: false, by: f.manager)
        let text = String(decoding: try JSONEncoder().encode(plain), as: UTF8.self)
        for identifier in [
            patient.name.family, nhs, spaced, hospital, patient.dateOfBirth?.iso ?? "", exam.accessionNumber,
            patient.id.uuidString,
        ] {
            #expect(!text.localizedCaseInsensitiveContains(identifier), "\(identifier) in \(text)")
        }
        #expect(plain.rows.first?.whatHappened.contains(PatientRedaction.mark) == true)
        #expect(plain.rows.first?.findings?.hasPrefix(PatientRedaction.mark) == true)
        #expect(plain.rows.first?.examName == exam.examName && plain.rows.first?.category == row.category)
        #expect(await f.store.state.audit.last?.patientID == nil)
    }
}
