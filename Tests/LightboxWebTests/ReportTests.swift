import Foundation
import LightboxDomain
import LightboxTestSupport
import LightboxWeb
import Testing

/// Reporting through the JSON API: POST /api/exams/{examID}/report and …/report/verification run the
/// RecordReport and VerifyReport use cases with their permission checks and problem+json refusals.
@Suite("Reports through the API")
struct ReportTests {
    /// Requested → … → discharged for a chest X-ray, through the API; returns the exam id.
    static func dischargedChest(_ path: Pathway, patient: String = "man") async throws -> String {
        let exam = try await path.checkedChest(patient: patient)
        try await path.step(exam, "start", by: path.token("radiographer"))
        try await path.step(
            exam, "completion", by: path.token("radiographer"), #"{"projections":[{"name":"PA","images":1}]}"#)
        try await path.step(exam, "image-check", by: path.token("radiographer2"), #"{"diagnostic":true}"#)
        try await path.step(exam, "discharge", by: path.token("radiographer"))
        return exam
    }

    /// Gives the seeded radiologist the duty to report plain films (chest X-rays), unsupervised.
    static func entitleRadiologistToReport(_ seeded: SeededDepartment) async throws {
        let now = seeded.clock.now()
        _ = try await seeded.department.grantEntitlement(
            .init(
                staffID: try #require(seeded.staff["radiologist"]?.id), duty: .report,
                scope: ExamScope(modality: .DX), starts: now.addingTimeInterval(-86400),
                expires: now.addingTimeInterval(365 * 86400), supervisionRequired: false,
                trainingEvidence: "Royal College of Radiologists CCT"),
            by: Actor(staffID: nil, username: "test-setup", role: .manager, door: .system))
    }

    @Test("Record and verify a report; refusals are problem+json naming the reason", arguments: TestEngine.allCases)
    func recordAndVerify(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, _ in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            try await Self.entitleRadiologistToReport(seeded)
            let exam = try await Self.dischargedChest(path)
            let radiologist = path.token("radiologist")

            // Not the radiographer's role to report (permission), and never an empty report (422).
            let forbidden = try await path.step(
                exam, "report", by: path.roleToken(.supportWorker), #"{"text":"Normal."}"#, expect: 403)
            #expect(forbidden.problemType == Problem.typeBase + "permission.denied")
            let empty = try await path.step(exam, "report", by: radiologist, #"{"text":"  "}"#, expect: 422)
            #expect(empty.problemFields.contains("text"), "\(empty.text)")
            // Verifying before there is a report is a conflict with the exam's state.
            let early = try await path.step(exam, "report/verification", by: radiologist, expect: 409)
            #expect(early.problemType == Problem.typeBase + "exam.transition-not-allowed", "\(early.text)")

            let reported = try await path.step(
                exam, "report", by: radiologist,
                #"{"text":"Chest PA: no active disease.","alert":"significantUnexpected"}"#)
            #expect(reported.string("value.state") == "reported")
            #expect(reported.string("value.report.text") == "Chest PA: no active disease.")
            #expect(reported.string("value.report.alert") == "significantUnexpected")
            // A second report on a reported exam is a state conflict.
            _ = try await path.step(exam, "report", by: radiologist, #"{"text":"Again."}"#, expect: 409)

            let verified = try await path.step(exam, "report/verification", by: radiologist)
            #expect(verified.string("value.state") == "reportVerified")
            #expect(verified.string("value.report.verifiedBy") == seeded.staff["radiologist"]?.id.uuidString)
            let read = try await path.api.send(.get, "/api/exams/\(exam)", token: radiologist)
            #expect(read.string("state") == "reportVerified", "\(read.text)")
        }
    }

    @Test("A reporter without the entitlement is refused in words, and nothing changes")
    func unentitledReporter() async throws {
        try await TestApp.run(.sqlite) { seeded, client, _ in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let exam = try await Self.dischargedChest(path)
            // The radiologist may report (role) but holds no reporting entitlement yet.
            let refused = try await path.step(
                exam, "report", by: path.token("radiologist"), #"{"text":"Normal chest."}"#, expect: 403)
            #expect(refused.problemType == Problem.typeBase + "entitlement.missing", "\(refused.text)")
            let read = try await path.api.send(.get, "/api/exams/\(exam)", token: path.token("radiologist"))
            #expect(read.string("state") == "discharged")
        }
    }
}
