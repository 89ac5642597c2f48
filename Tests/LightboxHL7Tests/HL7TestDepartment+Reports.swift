import Foundation
import LightboxDomain
import LightboxHL7
import Logging
import NIOPosix
import Testing

/// What the reports-out suites set up alike: a patient from the PAS feed with the fixture's referrer, verified
/// reports waiting in the outbox to the EPR, and the sender that delivers them.
extension HL7TestDepartment {
    /// A patient registered as the PAS feed registers one, and the fixture's referrer.
    func patientAndReferrer(
        hospitalNumber: String, name: PersonName, sex: AdministrativeSex
    ) async throws -> (Patient, Referrer) {
        let patient = try await department.registerPatient(
            PatientDetails(
                hospitalNumbers: [HospitalNumber(value: hospitalNumber, issuingAuthority: "RVH")], name: name,
                sex: sex),
            by: Actor(staffID: nil, username: "PAS^RVH", role: .integration, door: .hl7)
        ).value
        let referrer = try #require(
            try await store.transaction {
                try await $0.referrers.find(registrationNumber: Self.referrerRegistration)
            })
        return (patient, referrer)
    }

    /// A verified chest X-ray report of `patient` queued in the outbox to the EPR; returns the control ID its
    /// ORU^R01 is sent with.
    func queueVerifiedReport(
        of patient: Patient, referrer: Referrer, text: String, alert: FindingAlert?
    ) async throws -> String {
        let examID = UUID()
        let outboxID = UUID()
        let now = Date()
        var exam = Exam(
            id: examID, accessionNumber: Exam.accessionNumber(for: examID), patientID: patient.id,
            referrerID: referrer.id, examCode: "XCHEST", examName: "XR Chest PA", modality: .DX,
            bodyRegion: .chest, laterality: .notApplicable, clinicalQuestion: "Cough", priority: .routine,
            patientSource: nil, location: nil, pregnancyStatusOnRequest: nil, research: nil,
            requestIdentifiers: RequestIdentifiers(), requestedAt: now, state: .reportVerified)
        exam.report = ReportRecord(
            text: text, alert: alert, reportedBy: UUID(), reportedAt: now, needsIndependentVerification: false,
            verifiedBy: UUID(), verifiedAt: now)
        let queued = exam
        try await store.transaction { unit in
            try await unit.exams.insert(queued)
            try await unit.outbox.enqueue(
                OutboxMessage(
                    id: outboxID, destination: "EPR", kind: .reportVerified, examID: examID, createdAt: now,
                    nextAttemptAt: now))
        }
        return ReportOutboxSender.controlID(outboxID)
    }

    /// The sender of the outbox to the EPR at `port` on this machine, retrying quickly enough for a test.
    func reportSender(port: Int, label: String) -> ReportOutboxSender {
        var logger = Logger(label: label)
        logger.logLevel = .error
        return ReportOutboxSender(
            destinations: [.init(name: "EPR", host: "127.0.0.1", port: port)],
            environment: DepartmentEnvironment(store: store, clock: WallClock(), ids: RandomIDs()),
            timing: .init(
                firstRetry: .milliseconds(200), maximumRetry: .seconds(1), idlePoll: .milliseconds(100),
                acknowledgmentTimeout: .seconds(5)),
            group: MultiThreadedEventLoopGroup.singleton, logger: logger)
    }
}
