import DICOM
import Foundation
import LightboxDomain

/// The DICOM JSON model (PS3.18 §F.2) of QIDO-RS answers: per record, the attributes PS3.18 Tables 10.6.3-3 to
/// 10.6.3-5 require at its level (and those of the levels above), the `includefield` ones the index holds, and the
/// Retrieve URL of the study, series or instance.
enum QIDOResponse {
    typealias A = ArchiveAttributes

    /// The attributes returned by default, by level (PS3.18 §10.6.3.3.1-3).
    static func defaults(_ level: ArchiveQueryLevel) -> [UInt32] {
        let patient = [A.patientName, A.patientID, A.patientBirthDate, A.patientSex]
        let study = [
            A.studyDate, A.studyTime, A.accessionNumber, A.modalitiesInStudy, A.referringPhysicianName,
            A.studyInstanceUID, A.studyID, A.numberOfStudyRelatedSeries, A.numberOfStudyRelatedInstances,
        ]
        let series = [
            A.modality, A.seriesDescription, A.seriesInstanceUID, A.seriesNumber, A.numberOfSeriesRelatedInstances,
        ]
        let instance = [A.sopClassUID, A.sopInstanceUID, A.instanceNumber, A.rows, A.columns, A.numberOfFrames]
        switch level {
        case .patient: return patient + [A.numberOfPatientRelatedStudies]
        case .study: return patient + study
        case .series: return patient + study + series
        case .image: return patient + study + series + instance
        }
    }

    /// The data set of one record: `fields` with the record's values (zero length where the index holds none).
    static func dataSet(_ record: ArchiveRecord, fields: [UInt32], retrieveURL: String?) throws -> DataSet {
        var dataSet = DataSet(characterSet: .utf8)
        let ascii = record.values.values.allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 } }
        if !ascii { try dataSet.set(Tag(rawValue: A.specificCharacterSet), vr: .CS, string: "ISO_IR 192") }
        for raw in fields {
            let tag = Tag(rawValue: raw)
            let vr = DataDictionary.entry(for: tag)?.vr ?? .UN
            guard let value = record[raw], !value.isEmpty else {
                if vr == .SQ {
                    dataSet.set(tag, sequence: [])
                } else {
                    dataSet.insert(DataElement(tag: tag, vr: vr, bytes: .init()))
                }
                continue
            }
            let values = value.split(separator: "\\", omittingEmptySubsequences: false).map(String.init)
            if [.US, .SS, .UL, .SL, .SV, .UV].contains(vr) {
                try dataSet.set(tag, vr: vr, ints: values.compactMap { Int($0) })
            } else {
                try dataSet.set(tag, vr: vr, strings: values)
            }
        }
        if record.level != .patient, let retrieveURL {
            try dataSet.set(Tag(0x0008, 0x1190), vr: .UR, string: retrieveURL)
        }
        if record.level != .patient {
            try dataSet.set(Tag(rawValue: A.instanceAvailability), vr: .CS, string: "ONLINE")
        }
        return dataSet
    }

    /// The fields answered for a request: the level's defaults, the `includefield` ones (`all`: every attribute
    /// of the index at the level and above), and the matching keys (PS3.18 §10.6.3.3: they are returned too).
    static func fields(for request: QIDORequest) -> [UInt32] {
        let level = request.query.level
        var fields = defaults(level)
        if let include = request.includeFields {
            fields += include
        } else {
            fields += A.all.filter { $0.level <= level }.map(\.tag)
        }
        fields += request.query.keys.map(\.tag)
        var seen: Set<UInt32> = []
        return fields.filter { seen.insert($0).inserted }.sorted()
    }

    /// The Retrieve URL (0008,1190) of a record under `base` (the origin's `/dicom-web`).
    static func retrieveURL(_ record: ArchiveRecord, base: String) -> String? {
        guard let study = record[A.studyInstanceUID] else { return nil }
        var url = "\(base)/studies/\(study)"
        if record.level >= .series, let series = record[A.seriesInstanceUID] { url += "/series/\(series)" }
        if record.level >= .image, let instance = record[A.sopInstanceUID] { url += "/instances/\(instance)" }
        return url
    }
}
