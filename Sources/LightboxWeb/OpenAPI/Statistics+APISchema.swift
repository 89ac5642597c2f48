import Foundation
import LightboxDomain

/// Examples of the statistics and the dataset for the OpenAPI document, built by the domain's own calculations.
enum StatisticsExamples {
    static let period = StatisticsPeriod.month(
        year: 2026, month: 2, in: TimeZone(identifier: "Europe/London") ?? .current)
}

extension DM01Report: APISchema {
    public static let schemaName = "DM01Report"
    public static var example: DM01Report {
        ViewDM01.report(
            [
                WaitingTally(
                    modality: .CT, waiting: 120, requestedBefore: [90, 70, 50, 30, 20, 8, 1, 0, 0, 0, 0, 0, 0, 1]),
                WaitingTally(modality: .DX, waiting: 40, requestedBefore: [10, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
            ], census: Examples.now, censusDay: CalendarDate(Examples.now, in: .gmt), waitWeeks: 6, targetPercent: 1)
    }
}

extension TurnaroundReport: APISchema {
    public static let schemaName = "TurnaroundReport"
    public static var example: TurnaroundReport {
        let start = StatisticsExamples.period.from
        return ViewReportingTurnaround.report(
            [
                TurnaroundRow(
                    modality: .DX, priority: .emergency, patientSource: .emergencyDepartment,
                    performedAt: start.addingTimeInterval(3_600), reportIssuedAt: start.addingTimeInterval(7_200)),
                TurnaroundRow(
                    modality: .DX, priority: .inpatient, patientSource: .inpatient,
                    performedAt: start.addingTimeInterval(86_400), reportIssuedAt: start.addingTimeInterval(100_000)),
            ], period: StatisticsExamples.period, unreported: [.CT: 2], asOf: Examples.now,
            configuration: .default)
    }
}

extension RejectRateReport: APISchema {
    public static let schemaName = "RejectRateReport"
    public static var example: RejectRateReport {
        ViewRejectRates.report(
            [
                PerformedTally(
                    roomID: Examples.id(40), operatorStaffID: Examples.id(5), modality: .DX, exams: 120,
                    imagesAcquired: 260, imagesRejected: 21)
            ], period: StatisticsExamples.period, roomNames: [Examples.id(40): "General X-ray 1"],
            staffNames: [Examples.id(5): "Gabriel Okafor"], targets: StatisticsTargets())
    }
}

extension RoomActivityReport: APISchema {
    public static let schemaName = "RoomActivityReport"
    public static var example: RoomActivityReport {
        ViewRoomActivity.report(
            [
                PerformedTally(
                    roomID: Room.example.id, operatorStaffID: Examples.id(5), modality: .DX, exams: 120,
                    imagesAcquired: 260, imagesRejected: 21)
            ], period: StatisticsExamples.period, rooms: [Room.example])
    }
}

extension PregnancyRecordingReport: APISchema {
    public static let schemaName = "PregnancyRecordingReport"
    public static var example: PregnancyRecordingReport {
        var patient = Patient.example
        patient.sex = .female
        patient.childbearingPotential = true
        patient.dateOfBirth = try? CalendarDate(iso: "1990-01-01")
        let entry = CatalogueEntry(
            code: "XABDOM", name: "XR Abdomen AP", modality: .DX, bodyRegion: .abdomen, projections: ["AP supine"],
            pregnancyRelevant: true)
        return ViewPregnancyRecording.report(
            [
                PregnancyRow(
                    examCode: "XABDOM", performedAt: StatisticsExamples.period.from.addingTimeInterval(3_600),
                    recorded: true, patient: patient)
            ], period: StatisticsExamples.period, entries: [entry], configuration: .default, changes: [])
    }
}

extension DIDExport: APISchema {
    public static let schemaName = "DiagnosticImagingDataset"
    public static var example: DIDExport {
        let record = ExportDiagnosticImagingDataset.record(
            Exam.example, patient: Patient.example, referrer: Referrer.example, entry: CatalogueEntry.example,
            configuration: .default)
        return DIDExport(
            from: StatisticsExamples.period.from, before: StatisticsExamples.period.before, records: [record],
            problems: DIDFieldRules.problems(DatasetSubmitter()) + DIDFieldRules.problems(record))
    }
}
