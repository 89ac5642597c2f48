import Foundation
import LightboxDomain
import Testing

/// SAUE cases through the use cases: reported with the classifier's proposal, confirmed or overridden by a clinical
/// scientist with a reason, audited, and notified without patient identifiers.
@Suite("SAUE cases")
struct SAUECaseTests {
    func repeatedCT(_ f: Fixture, age: Int = 40) async throws -> (Patient, Exam) {
        let patient = try await f.patient(sex: .male, age: age)
        let exam = try await f.request("CHEADN", for: patient)
        return (patient, exam)
    }

    @Test("A report takes the age from the record, proposes with arithmetic, and is audited")
    func reportProposes() async throws {
        let f = try await Fixture.make()
        let (patient, exam) = try await repeatedCT(f, age: 12)
        // The age given is overridden by the record's date of birth: a child of 12.
        let saueCase = try await f.department.reportSAUE(
            .init(
                examID: exam.id, occurredOn: nil, summary: "Scan repeated three times after a table fault",
                incident: SAUEIncident(
                    kind: .unintended, patientAgeYears: 50, intendedEffectiveDoseMilliSievert: 0.2,
                    totalEffectiveDoseMilliSievert: 1.2)), by: f.radiographer)
        #expect(saueCase.incident.patientAgeYears == 12)
        #expect(saueCase.patientID == patient.id && saueCase.examID == exam.id)
        #expect(saueCase.examName == exam.examName && saueCase.modality == exam.modality)
        #expect(saueCase.occurredOn == Fixture.today)
        #expect(saueCase.proposal.proposed == .unintendedLowIntended)
        #expect(saueCase.proposal.arithmetic.contains("child (age 12 < 16): total 1.2 mSv ≥ 1 mSv: met"))
        #expect(saueCase.status == .awaitingReview && saueCase.notifiable == nil)
        let audit = try #require(await f.store.state.audit.last)
        #expect(audit.action == "saue.reported" && audit.patientID == patient.id && audit.examID == exam.id)
        #expect(audit.detail.contains("proposed code 2.1") && audit.detail.contains("1.2 mSv ≥ 1 mSv"))
        let queue = try await f.department.listSAUECases(status: .awaitingReview, by: f.physicistActor)
        #expect(queue.map(\.id) == [saueCase.id])
    }

    @Test("A report naming the patient, incomplete, dated ahead or from a role without the permission is refused")
    func reportRefusals() async throws {
        let f = try await Fixture.make()
        let (patient, exam) = try await repeatedCT(f)
        let incident = SAUEIncident(kind: .accidental, patientAgeYears: 40, totalEffectiveDoseMilliSievert: 4)
        func report(_ summary: String, _ incident: SAUEIncident = incident, on day: CalendarDate? = nil)
            -> ReportSAUE.Command
        {
            .init(examID: exam.id, occurredOn: day, summary: summary, incident: incident)
        }
        for summary in [
            "Wrong patient: \(patient.name.family) scanned instead", "NHS \(patient.nhsNumber?.digits ?? "")",
            "Hospital number \(patient.hospitalNumbers.first?.value ?? "")", "  ",
        ] {
            let error = await f.expectRefused(.validationFailed) {
                _ = try await f.department.reportSAUE(report(summary), by: f.radiographer)
            }
            #expect(error?.fields.map(\.field) == ["summary"], "\(summary): \(String(describing: error))")
        }
        let incomplete = await f.expectRefused(.validationFailed) {
            _ = try await f.department.reportSAUE(
                report("Wrong exam performed", SAUEIncident(kind: .accidental)), by: f.radiographer)
        }
        #expect(incomplete?.fields.map(\.field) == ["incident.totalEffectiveDoseMilliSievert"])
        let tomorrow = try CalendarDate(year: 2026, month: 11, day: 25)
        let ahead = await f.expectRefused(.validationFailed) {
            _ = try await f.department.reportSAUE(report("Wrong exam performed", on: tomorrow), by: f.radiographer)
        }
        #expect(ahead?.fields.map(\.field) == ["occurredOn"])
        _ = await f.expectRefused(.permissionDenied) {
            _ = try await f.department.reportSAUE(report("Wrong exam performed"), by: f.supportWorker)
        }
        _ = await f.expectRefused(.notFound) {
            _ = try await f.department.reportSAUE(
                .init(examID: UUID(), occurredOn: nil, summary: "Wrong exam", incident: incident), by: f.radiographer)
        }
    }

    @Test("The physicist confirms or overrides with a reason; each review is kept and audited")
    func reviews() async throws {
        let f = try await Fixture.make()
        let physicist = try await f.mpe()
        let (_, exam) = try await repeatedCT(f)
        let saueCase = try await f.department.reportSAUE(
            .init(
                examID: exam.id, occurredOn: nil, summary: "Wrong side scanned",
                incident: SAUEIncident(kind: .accidental, totalEffectiveDoseMilliSievert: 2.4)), by: f.radiographer)
        #expect(saueCase.proposal.proposed == nil)

        // Overriding needs a reason, a decision on notifiability and, when notifiable, the category.
        for (command, field) in [
            (
                ReviewSAUE.Command(
                    caseID: saueCase.id, decision: .overridden, notifiable: true, criterion: .accidentalAdult), "reason"
            ),
            (
                ReviewSAUE.Command(caseID: saueCase.id, decision: .overridden, notifiable: true, reason: "x"),
                "criterion"
            ),
            (ReviewSAUE.Command(caseID: saueCase.id, decision: .overridden, reason: "x"), "notifiable"),
            (
                ReviewSAUE.Command(caseID: saueCase.id, decision: .overridden, notifiable: false, reason: "x"),
                "decision"
            ),
            (ReviewSAUE.Command(caseID: saueCase.id, decision: .confirmed, notifiable: true), "decision"),
        ] {
            let error = await f.expectRefused(.validationFailed) {
                _ = try await f.department.reviewSAUE(command, by: physicist)
            }
            #expect(error?.fields.map(\.field) == [field], "\(field): \(String(describing: error))")
        }
        // Only a clinical scientist decides: a physicist account without a staff record, or a radiographer, cannot.
        _ = await f.expectRefused(.noStaffRecord) {
            _ = try await f.department.reviewSAUE(
                .init(caseID: saueCase.id, decision: .confirmed), by: f.physicistActor)
        }
        _ = await f.expectRefused(.permissionDenied) {
            _ = try await f.department.reviewSAUE(.init(caseID: saueCase.id, decision: .confirmed), by: f.radiographer)
        }

        let confirmed = try await f.department.reviewSAUE(
            .init(caseID: saueCase.id, decision: .confirmed, reason: "Dose estimate checked"), by: physicist)
        #expect(confirmed.status == .confirmed && confirmed.notifiable == false)
        #expect(confirmed.review?.reviewedByName == "Priya Nair")
        let overridden = try await f.department.reviewSAUE(
            .init(
                caseID: saueCase.id, decision: .overridden, notifiable: true, criterion: .accidentalAdult,
                reason: "Scout views were omitted from the estimate: 3.1 mSv"), by: physicist)
        #expect(overridden.status == .overridden && overridden.notifiable == true)
        #expect(overridden.reviews.map(\.decision) == [.confirmed, .overridden])
        let audited = await f.store.state.audit.filter { $0.action == "saue.reviewed" }
        #expect(audited.count == 2)
        #expect(audited.last?.detail.contains("overridden by Priya Nair: notifiable, code 1") == true)
        #expect(audited.last?.detail.contains("Scout views were omitted") == true)
    }

    @Test("The notification carries no patient identifiers and only follows a notifiable decision")
    func notification() async throws {
        let f = try await Fixture.make()
        let physicist = try await f.mpe()
        let (patient, exam) = try await repeatedCT(f, age: 9)
        let saueCase = try await f.department.reportSAUE(
            .init(
                examID: exam.id, occurredOn: nil, summary: "Scan repeated after the child moved; protocol was adult",
                incident: SAUEIncident(
                    kind: .unintended, intendedEffectiveDoseMilliSievert: 1.5, totalEffectiveDoseMilliSievert: 16,
                    foetalDoseMilliGray: nil)), by: f.radiographer)
        #expect(saueCase.proposal.proposed == .unintendedMiddleIntended)
        _ = await f.expectRefused(.transitionNotAllowed) {
            _ = try await f.department.exportSAUENotification(saueCase.id, by: physicist)
        }
        _ = try await f.department.reviewSAUE(.init(caseID: saueCase.id, decision: .confirmed), by: physicist)
        _ = await f.expectRefused(.permissionDenied) {
            _ = try await f.department.exportSAUENotification(saueCase.id, by: f.radiographer)
        }
        let notification = try await f.department.exportSAUENotification(saueCase.id, by: physicist)
        #expect(notification.notificationCode == "2.2" && notification.category == .unintendedMiddleIntended)
        #expect(notification.ageBand == "child" && notification.examType == exam.examName)
        #expect(notification.arithmetic.first?.contains("16 mSv ÷ intended 1.5 mSv = 10.667 times") == true)
        #expect(notification.decidedBy == "Priya Nair" && notification.reference == saueCase.reference)
        let encoded = String(decoding: try JSONEncoder().encode(notification), as: UTF8.self)
        for identifier in [
            patient.name.family, patient.nhsNumber?.digits ?? "-", patient.hospitalNumbers.first?.value ?? "-",
            patient.dateOfBirth?.iso ?? "-", patient.id.uuidString, exam.id.uuidString, exam.accessionNumber,
            "High Street",
        ] {
            #expect(!encoded.contains(identifier), "the notification carries \(identifier): \(encoded)")
        }
        let audit = try #require(await f.store.state.audit.last)
        #expect(audit.action == "saue.notification-exported" && audit.patientID == patient.id)

        // A case decided not notifiable has no notification.
        let minor = try await f.department.reportSAUE(
            .init(
                examID: nil, occurredOn: nil, summary: "Wrong exam, caught after one view",
                incident: SAUEIncident(kind: .accidental, patientAgeYears: 50, totalEffectiveDoseMilliSievert: 0.02)),
            by: f.radiographer)
        _ = try await f.department.reviewSAUE(.init(caseID: minor.id, decision: .confirmed), by: physicist)
        _ = await f.expectRefused(.transitionNotAllowed) {
            _ = try await f.department.exportSAUENotification(minor.id, by: physicist)
        }
    }

    @Test("The criteria in force when the case is reported are the ones applied")
    func criteriaInForce() async throws {
        var configuration = DepartmentConfiguration.default
        configuration.saueCriteria.accidentalAdultMilliSievert = 2
        let f = try await Fixture.make(configuration: configuration)
        let saueCase = try await f.department.reportSAUE(
            .init(
                examID: nil, occurredOn: nil, summary: "Wrong patient called from the waiting room",
                incident: SAUEIncident(kind: .accidental, patientAgeYears: 50, totalEffectiveDoseMilliSievert: 2.4)),
            by: f.radiographer)
        #expect(saueCase.proposal.proposed == .accidentalAdult)
        #expect(saueCase.proposal.arithmetic.contains("total 2.4 mSv ≥ 2 mSv: met"))
    }
}
