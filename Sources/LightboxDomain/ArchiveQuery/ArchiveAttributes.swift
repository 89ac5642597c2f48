/// The attributes of the archive's index that queries match and answer (tags as `(group << 16) | element`), with
/// the level each belongs to and how it is matched: the keys of PS3.4 §C.6.1.1 (Patient Root) and §C.6.2.1 (Study
/// Root) and the QIDO-RS attributes of PS3.18 §10.6.3.3. The doors use these; the store maps each to its column.
public enum ArchiveAttributes {
    /// One attribute of the index.
    public struct Attribute: Sendable, Equatable, Hashable {
        public var tag: UInt32
        public var keyword: String
        public var level: ArchiveQueryLevel
        public var kind: ArchiveValueKind
        /// A unique key of its level (PS3.4 §C.2.2.1.1): Patient ID, the UIDs.
        public var isUnique: Bool

        public init(
            _ tag: UInt32, _ keyword: String, _ level: ArchiveQueryLevel, _ kind: ArchiveValueKind,
            unique: Bool = false
        ) {
            self.tag = tag
            self.keyword = keyword
            self.level = level
            self.kind = kind
            self.isUnique = unique
        }
    }

    public static let specificCharacterSet: UInt32 = 0x0008_0005
    public static let queryRetrieveLevel: UInt32 = 0x0008_0052
    public static let retrieveAETitle: UInt32 = 0x0008_0054
    public static let instanceAvailability: UInt32 = 0x0008_0056
    public static let timezoneOffsetFromUTC: UInt32 = 0x0008_0201

    public static let patientName: UInt32 = 0x0010_0010
    public static let patientID: UInt32 = 0x0010_0020
    public static let issuerOfPatientID: UInt32 = 0x0010_0021
    public static let patientBirthDate: UInt32 = 0x0010_0030
    public static let patientSex: UInt32 = 0x0010_0040
    public static let numberOfPatientRelatedStudies: UInt32 = 0x0020_1200
    public static let numberOfPatientRelatedSeries: UInt32 = 0x0020_1202
    public static let numberOfPatientRelatedInstances: UInt32 = 0x0020_1204

    public static let studyInstanceUID: UInt32 = 0x0020_000D
    public static let studyDate: UInt32 = 0x0008_0020
    public static let studyTime: UInt32 = 0x0008_0030
    public static let accessionNumber: UInt32 = 0x0008_0050
    public static let studyID: UInt32 = 0x0020_0010
    public static let studyDescription: UInt32 = 0x0008_1030
    public static let referringPhysicianName: UInt32 = 0x0008_0090
    public static let modalitiesInStudy: UInt32 = 0x0008_0061
    public static let sopClassesInStudy: UInt32 = 0x0008_0062
    public static let numberOfStudyRelatedSeries: UInt32 = 0x0020_1206
    public static let numberOfStudyRelatedInstances: UInt32 = 0x0020_1208
    public static let procedureCodeSequence: UInt32 = 0x0008_1032
    public static let codeValue: UInt32 = 0x0008_0100
    public static let codingSchemeDesignator: UInt32 = 0x0008_0102
    public static let codeMeaning: UInt32 = 0x0008_0104

    public static let seriesInstanceUID: UInt32 = 0x0020_000E
    public static let modality: UInt32 = 0x0008_0060
    public static let seriesNumber: UInt32 = 0x0020_0011
    public static let seriesDescription: UInt32 = 0x0008_103E
    public static let seriesDate: UInt32 = 0x0008_0021
    public static let seriesTime: UInt32 = 0x0008_0031
    public static let bodyPartExamined: UInt32 = 0x0018_0015
    public static let performedProcedureStepStartDate: UInt32 = 0x0040_0244
    public static let performedProcedureStepStartTime: UInt32 = 0x0040_0245
    public static let requestAttributesSequence: UInt32 = 0x0040_0275
    public static let requestedProcedureID: UInt32 = 0x0040_1001
    public static let scheduledProcedureStepID: UInt32 = 0x0040_0009
    public static let numberOfSeriesRelatedInstances: UInt32 = 0x0020_1209

    public static let sopInstanceUID: UInt32 = 0x0008_0018
    public static let sopClassUID: UInt32 = 0x0008_0016
    public static let instanceNumber: UInt32 = 0x0020_0013
    public static let rows: UInt32 = 0x0028_0010
    public static let columns: UInt32 = 0x0028_0011
    public static let numberOfFrames: UInt32 = 0x0028_0008
    public static let availableTransferSyntaxUID: UInt32 = 0x0008_3002
    public static let contentDate: UInt32 = 0x0008_0023
    public static let contentTime: UInt32 = 0x0008_0033

    /// Every attribute the index is asked about, by level.
    public static let all: [Attribute] = [
        .init(patientName, "PatientName", .patient, .personName),
        .init(patientID, "PatientID", .patient, .text, unique: true),
        .init(issuerOfPatientID, "IssuerOfPatientID", .patient, .text),
        .init(patientBirthDate, "PatientBirthDate", .patient, .date),
        .init(patientSex, "PatientSex", .patient, .text),
        .init(numberOfPatientRelatedStudies, "NumberOfPatientRelatedStudies", .patient, .exact),
        .init(numberOfPatientRelatedSeries, "NumberOfPatientRelatedSeries", .patient, .exact),
        .init(numberOfPatientRelatedInstances, "NumberOfPatientRelatedInstances", .patient, .exact),
        .init(studyInstanceUID, "StudyInstanceUID", .study, .uid, unique: true),
        .init(studyDate, "StudyDate", .study, .date),
        .init(studyTime, "StudyTime", .study, .time),
        .init(accessionNumber, "AccessionNumber", .study, .text),
        .init(studyID, "StudyID", .study, .text),
        .init(studyDescription, "StudyDescription", .study, .text),
        .init(referringPhysicianName, "ReferringPhysicianName", .study, .personName),
        .init(modalitiesInStudy, "ModalitiesInStudy", .study, .text),
        .init(sopClassesInStudy, "SOPClassesInStudy", .study, .uid),
        .init(numberOfStudyRelatedSeries, "NumberOfStudyRelatedSeries", .study, .exact),
        .init(numberOfStudyRelatedInstances, "NumberOfStudyRelatedInstances", .study, .exact),
        .init(procedureCodeSequence, "ProcedureCodeSequence", .study, .sequence),
        .init(seriesInstanceUID, "SeriesInstanceUID", .series, .uid, unique: true),
        .init(modality, "Modality", .series, .text),
        .init(seriesNumber, "SeriesNumber", .series, .exact),
        .init(seriesDescription, "SeriesDescription", .series, .text),
        .init(seriesDate, "SeriesDate", .series, .date),
        .init(seriesTime, "SeriesTime", .series, .time),
        .init(bodyPartExamined, "BodyPartExamined", .series, .text),
        .init(performedProcedureStepStartDate, "PerformedProcedureStepStartDate", .series, .date),
        .init(performedProcedureStepStartTime, "PerformedProcedureStepStartTime", .series, .time),
        .init(requestAttributesSequence, "RequestAttributesSequence", .series, .sequence),
        .init(numberOfSeriesRelatedInstances, "NumberOfSeriesRelatedInstances", .series, .exact),
        .init(sopInstanceUID, "SOPInstanceUID", .image, .uid, unique: true),
        .init(sopClassUID, "SOPClassUID", .image, .uid),
        .init(instanceNumber, "InstanceNumber", .image, .exact),
        .init(rows, "Rows", .image, .exact),
        .init(columns, "Columns", .image, .exact),
        .init(numberOfFrames, "NumberOfFrames", .image, .exact),
        .init(availableTransferSyntaxUID, "AvailableTransferSyntaxUID", .image, .uid),
        .init(contentDate, "ContentDate", .image, .date),
        .init(contentTime, "ContentTime", .image, .time),
    ]

    /// The items' attributes of the sequences the index holds (PS3.4 §C.2.2.2.6): what a PACS is asked
    /// to find a study or series by — the procedure's code (General Study module, PS3.3 §C.7.2.1) and
    /// the request a series was made for (Request Attributes Sequence, PS3.3 §C.7.3.1, whose
    /// Requested Procedure ID and Scheduled Procedure Step ID tie the images to the worklist item).
    public static let sequenceItems: [UInt32: [Attribute]] = [
        procedureCodeSequence: [
            .init(codeValue, "CodeValue", .study, .text),
            .init(codingSchemeDesignator, "CodingSchemeDesignator", .study, .text),
            .init(codeMeaning, "CodeMeaning", .study, .text),
        ],
        requestAttributesSequence: [
            .init(requestedProcedureID, "RequestedProcedureID", .series, .text),
            .init(scheduledProcedureStepID, "ScheduledProcedureStepID", .series, .text),
            .init(accessionNumber, "AccessionNumber", .series, .text),
        ],
    ]

    private static let byTag: [UInt32: Attribute] = Dictionary(uniqueKeysWithValues: all.map { ($0.tag, $0) })

    /// The index's attribute with this tag.
    public static func attribute(_ tag: UInt32) -> Attribute? { byTag[tag] }

    /// The unique key of a level.
    public static func uniqueKey(of level: ArchiveQueryLevel) -> UInt32 {
        switch level {
        case .patient: patientID
        case .study: studyInstanceUID
        case .series: seriesInstanceUID
        case .image: sopInstanceUID
        }
    }
}
