import Foundation

/// One exam of a dose register export: its dose record with what a physicist's spreadsheet needs beside
/// it (accession number, exam, room, the patient's age and sex at the exam: never a name or NHS number)
/// and its effective dose estimate.
public struct DoseRegisterExportItem: Sendable, Equatable {
    public var record: ExamDoseRecord
    public var accessionNumber: String
    public var examName: String
    public var studyInstanceUID: String?
    public var bodyRegion: BodyRegion?
    public var roomName: String?
    public var patientAgeYears: Int?
    public var patientSex: AdministrativeSex?
    public var effectiveDose: EffectiveDoseEstimate?

    public init(
        record: ExamDoseRecord, accessionNumber: String, examName: String, studyInstanceUID: String?,
        bodyRegion: BodyRegion?, roomName: String?, patientAgeYears: Int?, patientSex: AdministrativeSex?,
        effectiveDose: EffectiveDoseEstimate?
    ) {
        self.record = record
        self.accessionNumber = accessionNumber
        self.examName = examName
        self.studyInstanceUID = studyInstanceUID
        self.bodyRegion = bodyRegion
        self.roomName = roomName
        self.patientAgeYears = patientAgeYears
        self.patientSex = patientSex
        self.effectiveDose = effectiveDose
    }
}
