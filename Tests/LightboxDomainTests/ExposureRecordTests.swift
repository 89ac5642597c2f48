import Foundation
import LightboxDomain
import Testing

/// Issue 15 item 9: the exposure record carries every item DOMAIN.md lists, including
/// reference-point air kerma and the equipment used; reading it is audited.
@Suite("The exposure record")
struct ExposureRecordTests {
    @Test("Every item an inspector asks for, in order, with names resolved; reading it is audited")
    func everyItem() async throws {
        let f = try await Fixture.make()
        let started = try await f.start(
            try await f.exam("XWRIST", at: .checked), by: f.assistant, supervisor: f.radiographer.staffID)
        _ = try await f.department.completeExam(
            .init(
                examID: started.id, projections: [PerformedProjection(name: "PA", images: 1)],
                exposures: [
                    ExposureFigures(
                        projection: "PA", kilovolts: 55, milliampereSeconds: 2, doseAreaProductGyCm2: 0.02,
                        exposureIndex: 1300, referenceAirKermaMilligray: 0.12)
                ],
                carers: [
                    CarerRecord(
                        name: "Mr T Jones (father)", consentGiven: true, informedOfRisks: true,
                        estimatedDoseMilliSievert: 0.001)
                ], equipment: "Carestream DRX, serial 8841"), by: f.assistant)
        let exam = try await f.checkImages(try #require(await f.store.state.exams[started.id]))
        let record = try await f.department.viewExposureRecord(.init(examID: exam.id), by: f.manager).value
        #expect(record.items.map(\.key) == ExposureRecord.keys)
        let value = Dictionary(uniqueKeysWithValues: record.items.map { ($0.key, $0.value) })
        #expect(value["referenceAirKerma"] == "PA: 0.12 mGy")
        #expect(value["equipment"] == "Carestream DRX, serial 8841")
        #expect(value["kVAndMAs"] == "PA: 55 kV, 2 mAs")
        #expect(value["doseAreaProduct"] == "PA: 0.02 Gy·cm²")
        #expect(value["operators"]?.contains("supervised by") == true, "\(value["operators"] ?? "")")
        #expect(value["carers"]?.contains("Mr T Jones (father)") == true)
        #expect(value["identifiersChecked"]?.contains("verbal") == true)
        #expect(value["justification"]?.hasPrefix("justified by practitioner") == true)
        #expect(value["imagesEvaluatedBy"]?.contains("image check by") == true)
        #expect(value["projections"] == "PA x1")
        #expect(await f.store.state.audit.last?.action == "exam.exposure-record.read")
    }

    @Test("An exam not yet performed has no exposure record; an administrator may read none")
    func refusals() async throws {
        let f = try await Fixture.make()
        let booked = try await f.exam(at: .booked)
        await f.expectRefused(.transitionNotAllowed) {
            _ = try await f.department.viewExposureRecord(.init(examID: booked.id), by: f.manager)
        }
        await f.expectRefused(.permissionDenied) {
            _ = try await f.department.viewExposureRecord(
                .init(examID: booked.id), by: f.physicistActor.with(role: .admin))
        }
    }
}

extension Actor {
    fileprivate func with(role: AccessRole) -> Actor {
        var copy = self
        copy.role = role
        return copy
    }
}
