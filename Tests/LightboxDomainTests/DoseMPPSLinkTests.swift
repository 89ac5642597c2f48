import Foundation
import LightboxDomain
import Testing

/// Issue 16: a dose report is linked to its exam by the modality performed procedure step it names
/// (Referenced Performed Procedure Step Sequence), besides the accession number and Study Instance UID.
@Suite("Dose linked by MPPS")
struct DoseMPPSLinkTests {
    @Test("An RDSR in a study that matches nothing is counted for the exam its MPPS names; without it, it waits")
    func linkedByTheModalityStep() async throws {
        let s = try await ArchiveTests.Setup()
        let f = s.f
        let patient = try await f.patient()
        let exam = try await f.exam("XCHEST", at: .checked, patient: patient)
        let start = f.modalityStart(exam)
        _ = try await f.department.startExam.fromModality(start, by: f.modality)

        // A dose report in a study of its own, without the accession number: only the MPPS names the exam.
        var attributes = s.attributes(
            patient, accession: nil, study: "1.2.826.0.1.3680043.10.9", series: "1.2.826.0.1.3680043.10.9.1",
            instance: "1.2.826.0.1.3680043.10.9.1.1", modality: "SR")
        var report = DoseRegisterTests.report(.rdsr, uid: attributes.sopInstanceUID, dap: 0.1, exposures: 1)
        report.performedProcedureStepUID = start.sopInstanceUID
        attributes.dose = report
        let stored = try await s.store(attributes)
        #expect(stored.study.examID == nil, "the study itself still waits on the reconciliation list")
        let after = try await f.department.viewExam(.init(examID: exam.id), by: f.radiographer).value
        #expect(after.dose?.source == .rdsr)
        #expect(after.dose?.totals.doseAreaProductGyCm2 == 0.1)

        // The same without the reference waits unlinked with its study, and the exam's record is unchanged.
        var unnamed = s.attributes(
            patient, accession: nil, study: "1.2.826.0.1.3680043.10.8", series: "1.2.826.0.1.3680043.10.8.1",
            instance: "1.2.826.0.1.3680043.10.8.1.1", modality: "SR")
        unnamed.dose = DoseRegisterTests.report(.rdsr, uid: unnamed.sopInstanceUID, dap: 0.4, exposures: 1)
        _ = try await s.store(unnamed)
        let waiting = try await f.store.transaction {
            try await $0.dose.unlinkedReports(studyInstanceUID: "1.2.826.0.1.3680043.10.8")
        }
        #expect(waiting.map(\.sourceUID) == [unnamed.sopInstanceUID])
        let still = try await f.department.viewExam(.init(examID: exam.id), by: f.radiographer).value
        #expect(still.dose?.totals.doseAreaProductGyCm2 == 0.1)

        // An MPPS UID that names no exam links nothing.
        var stray = s.attributes(
            patient, accession: nil, study: "1.2.826.0.1.3680043.10.7", series: "1.2.826.0.1.3680043.10.7.1",
            instance: "1.2.826.0.1.3680043.10.7.1.1", modality: "SR")
        var strayReport = DoseRegisterTests.report(.rdsr, uid: stray.sopInstanceUID, dap: 0.3, exposures: 1)
        strayReport.performedProcedureStepUID = "1.2.826.0.1.3680043.10.999"
        stray.dose = strayReport
        _ = try await s.store(stray)
        let strays = try await f.store.transaction {
            try await $0.dose.unlinkedReports(studyInstanceUID: "1.2.826.0.1.3680043.10.7")
        }
        #expect(strays.count == 1)
    }
}
