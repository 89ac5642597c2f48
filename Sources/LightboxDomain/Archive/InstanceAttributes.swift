import Foundation

/// What the archive indexes of one received instance, read from its data set by an
/// ``InstanceReader`` (values as DICOM encodes them, PS3.5 §6.2: dates `YYYYMMDD`, times
/// `HHMMSS.FFFFFF`, person names `Family^Given^Middle^Prefix^Suffix`, text already decoded from
/// the Specific Character Set, padding removed). Only the Study, Series and SOP Instance UIDs and
/// the SOP Class UID are required; the reader leaves a missing attribute nil or empty.
public struct InstanceAttributes: Sendable, Codable, Equatable {
    // Patient module (PS3.3 C.7.1.1)
    public var patientID: String
    public var issuerOfPatientID: String?
    public var patientName: String
    public var patientBirthDate: String?
    public var patientSex: String?
    // General Study module (PS3.3 C.7.2.1)
    public var studyInstanceUID: String
    public var studyDate: String?
    public var studyTime: String?
    public var accessionNumber: String?
    public var studyID: String?
    public var studyDescription: String?
    public var referringPhysicianName: String?
    // General Series module (PS3.3 C.7.3.1)
    public var seriesInstanceUID: String
    public var modality: String?
    public var seriesNumber: Int?
    public var seriesDescription: String?
    public var seriesDate: String?
    public var seriesTime: String?
    public var bodyPartExamined: String?
    // SOP Common, General Image (PS3.3 C.12.1, C.7.6.1)
    public var sopClassUID: String
    public var sopInstanceUID: String
    public var instanceNumber: Int?
    public var contentDate: String?
    public var contentTime: String?
    public var rows: Int?
    public var columns: Int?
    public var numberOfFrames: Int?
    /// Transfer syntax the file is stored in (from its File Meta Information).
    public var transferSyntaxUID: String
    /// Specific Character Set (0008,0005) as received, values joined by `\`.
    public var specificCharacterSet: String?
    /// The items of the sequences the index matches (``ArchiveAttributes/sequenceItems``), by sequence
    /// tag: each item's attributes by tag, as text.
    public var sequences: [UInt32: [[UInt32: String]]] = [:]
    /// The dose report the instance carries (an RDSR, or an image header's dose attributes), read at
    /// ingest by the same reader; nil when it carries none. The archive keeps it in the dose register.
    public var dose: DoseReport?

    public init(
        patientID: String = "", issuerOfPatientID: String? = nil, patientName: String = "",
        patientBirthDate: String? = nil, patientSex: String? = nil, studyInstanceUID: String,
        studyDate: String? = nil, studyTime: String? = nil, accessionNumber: String? = nil, studyID: String? = nil,
        studyDescription: String? = nil, referringPhysicianName: String? = nil, seriesInstanceUID: String,
        modality: String? = nil, seriesNumber: Int? = nil, seriesDescription: String? = nil, seriesDate: String? = nil,
        seriesTime: String? = nil, bodyPartExamined: String? = nil, sopClassUID: String, sopInstanceUID: String,
        instanceNumber: Int? = nil, contentDate: String? = nil, contentTime: String? = nil, rows: Int? = nil,
        columns: Int? = nil, numberOfFrames: Int? = nil, transferSyntaxUID: String,
        specificCharacterSet: String? = nil, sequences: [UInt32: [[UInt32: String]]] = [:],
        dose: DoseReport? = nil
    ) {
        self.sequences = sequences
        self.dose = dose
        self.patientID = patientID
        self.issuerOfPatientID = issuerOfPatientID
        self.patientName = patientName
        self.patientBirthDate = patientBirthDate
        self.patientSex = patientSex
        self.studyInstanceUID = studyInstanceUID
        self.studyDate = studyDate
        self.studyTime = studyTime
        self.accessionNumber = accessionNumber
        self.studyID = studyID
        self.studyDescription = studyDescription
        self.referringPhysicianName = referringPhysicianName
        self.seriesInstanceUID = seriesInstanceUID
        self.modality = modality
        self.seriesNumber = seriesNumber
        self.seriesDescription = seriesDescription
        self.seriesDate = seriesDate
        self.seriesTime = seriesTime
        self.bodyPartExamined = bodyPartExamined
        self.sopClassUID = sopClassUID
        self.sopInstanceUID = sopInstanceUID
        self.instanceNumber = instanceNumber
        self.contentDate = contentDate
        self.contentTime = contentTime
        self.rows = rows
        self.columns = columns
        self.numberOfFrames = numberOfFrames
        self.transferSyntaxUID = transferSyntaxUID
        self.specificCharacterSet = specificCharacterSet
    }

    /// The sequences kept on the study or series row (``ArchiveAttributes/sequenceItems`` by level).
    public func sequences(at level: ArchiveQueryLevel) -> [UInt32: [[UInt32: String]]] {
        sequences.filter { ArchiveAttributes.attribute($0.key)?.level == level && !$0.value.isEmpty }
    }

    /// Every problem that stops the instance from being archived: a missing or invalid UID
    /// (PS3.5 §9.1), named with the attribute. Empty when the instance can be archived.
    public var problems: [FieldProblem] {
        var problems: [FieldProblem] = []
        for (name, value) in [
            ("SOPClassUID", sopClassUID), ("SOPInstanceUID", sopInstanceUID),
            ("StudyInstanceUID", studyInstanceUID), ("SeriesInstanceUID", seriesInstanceUID),
            ("TransferSyntaxUID", transferSyntaxUID),
        ] {
            if value.isEmpty {
                problems.append(FieldProblem(name, "is missing"))
            } else if let problem = DICOMUID.problem(value) {
                problems.append(FieldProblem(name, "\(problem) (PS3.5 §9.1)"))
            }
        }
        return problems
    }
}
