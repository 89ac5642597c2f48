import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LightboxDomain
import LightboxTestSupport
import Testing

@testable import LightboxWeb

/// The reconciliation page: held MPPS steps and unmatched studies listed for the radiographer, each linked to an
/// exam by its accession number or rejected through the archive's use cases; refusals leave both as they were.
@Suite("Reconciliation page")
struct ReconciliationPageTests {
    @Test("Held steps and unmatched studies are listed; a study is linked, a step rejected, refusals change nothing")
    func reconcile() async throws {
        try await TestDatabase.with(.sqlite) { database in
            let seeded = try await SeededDepartment.create(in: database.database)
            let fixture = try await ViewerFixture.make(seeded, slices: 1, accessionNumber: "EXT-4242")
            defer { fixture.remove() }
            let modality = Actor(staffID: nil, username: "dicom:CT1", role: .integration, door: .dicom)
            let reader = Actor(staffID: nil, username: "test-manager", role: .manager, door: .system)
            _ = try await seeded.department.receiveModalityStep.created(
                ModalityStart(
                    sopInstanceUID: "1.2.826.0.1.3680043.10.543.77", stationAETitle: "CT1",
                    accessionNumber: "EXT-778812"),
                subject: .init(patientName: "KHAN^Imran", patientID: "9434765919", procedureDescription: "CT chest"),
                by: modality)
            var environment = seeded.environment()
            environment.archive = fixture.archive
            let app = Application(router: WebApplication(environment: environment).buildRouter().router)
            try await app.test(.router) { client in
                var radiographer = try await BookingPageTests.signIn(
                    client, seeded, "g.okafor", .radiographer, person: "radiographer")
                let page = try await radiographer.get("/reconciliation")
                #expect(page.status == .ok)
                #expect(page.html.contains("EXT-778812") && page.html.contains("KHAN Imran, ID 9434765919"))
                #expect(page.html.contains("EXT-4242"), "the unmatched study")
                let steps = try await fixture.archive.listHeldModalitySteps(limit: 10, by: reader)
                let step = try #require(steps.first)
                let studies = try await fixture.archive.listReconciliation(limit: 10, by: reader)
                let study = try #require(studies.first?.study)
                let token = page.formToken ?? ""

                let unknown = try await radiographer.post(
                    "/reconciliation/studies/\(study.id.uuidString)",
                    [("_csrf", token), ("action", "link"), ("accessionNumber", "NOPE-1"), ("reason", "")])
                #expect(unknown.status == .unprocessableContent)
                #expect(unknown.html.contains("no exam has the accession number NOPE-1"))
                #expect(unknown.html.contains("href=\"#study-\(study.id.uuidString)-field-accessionNumber\""))
                let noReason = try await radiographer.post(
                    "/reconciliation/steps/\(step.id.uuidString)",
                    [("_csrf", token), ("action", "reject"), ("accessionNumber", ""), ("reason", " ")])
                #expect(noReason.status == .unprocessableContent, "a reject needs its reason")
                #expect(try await fixture.archive.listHeldModalitySteps(limit: 10, by: reader).count == 1)
                #expect(try await fixture.archive.listReconciliation(limit: 10, by: reader).count == 1)

                let linked = try await radiographer.post(
                    "/reconciliation/studies/\(study.id.uuidString)",
                    [("_csrf", token), ("action", "link"), ("accessionNumber", fixture.exam.accessionNumber)])
                #expect(linked.status == .seeOther, "\(linked.html)")
                let rejected = try await radiographer.post(
                    "/reconciliation/steps/\(step.id.uuidString)",
                    [("_csrf", token), ("action", "reject"), ("reason", "Phantom exposure for QA")])
                #expect(rejected.status == .seeOther, "\(rejected.html)")
                #expect(try await fixture.archive.listReconciliation(limit: 10, by: reader).isEmpty)
                #expect(try await fixture.archive.listHeldModalitySteps(limit: 10, by: reader).isEmpty)
                let after = try await radiographer.get(rejected.headers[.location] ?? "/reconciliation")
                #expect(after.html.contains("No step is waiting.") && after.html.contains("No study is waiting."))

                var desk = try await BookingPageTests.signIn(
                    client, seeded, "desk.worker", .supportWorker, person: "support")
                #expect(try await desk.get("/reconciliation").status == .forbidden)
            }
        }
    }
}
