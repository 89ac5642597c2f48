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
        // PS3.18 Table 10.6.3-4 (formerly 6.7.1-2a) returns the Request Attributes Sequence, with the Requested
        // Procedure ID and Scheduled Procedure Step ID of its items, and the performed step's start by default.
        let series = [
            A.modality, A.seriesDescription, A.seriesInstanceUID, A.seriesNumber, A.numberOfSeriesRelatedInstances,
            A.performedProcedureStepStartDate, A.performedProcedureStepStartTime, A.requestAttributesSequence,
        ]
        let instance = [A.sopClassUID, A.sopInstanceUID, A.instanceNumber, A.rows, A.columns, A.numberOfFrames]
        switch level {
        case .patient: return patient + [A.numberOfPatientRelatedStudies]
        case .study: return patient + study
        case .series: return patient + study + series
        case .image: return patient + study + series + instance
        }
    }

    /// The data set of one record: `fields` with the record's values (zero length where the index holds none); a
    /// sequence the index holds with its items (PS3.18 §F.2.3), those matching the query's item when it is a key.
    static func dataSet(
        _ record: ArchiveRecord, fields: [UInt32], retrieveURL: String?, query: ArchiveQuery? = nil
    ) throws -> DataSet {
        var dataSet = DataSet(characterSet: .utf8)
        let ascii =
            record.values.values.allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 } }
            && record.sequences.values.allSatisfy { items in
                items.allSatisfy { $0.values.allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 } } }
            }
        if !ascii { try dataSet.set(Tag(rawValue: A.specificCharacterSet), vr: .CS, string: "ISO_IR 192") }
        for raw in fields {
            let tag = Tag(rawValue: raw)
            let vr = DataDictionary.entry(for: tag)?.vr ?? .UN
            if vr == .SQ, let stored = record.sequences[raw] {
                dataSet.set(tag, sequence: try items(stored, of: raw, matching: query?.key(raw)))
                continue
            }
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

    /// The items of an indexed sequence (PS3.4 §C.2.2.2.6, as C-FIND answers them): those matching every key of
    /// the query's item when the sequence is a matching key, else all, each with every attribute the index holds.
    static func items(_ stored: [[UInt32: String]], of sequence: UInt32, matching key: ArchiveQueryKey?) throws
        -> [DataSet]
    {
        let attributes = A.sequenceItems[sequence] ?? []
        var itemKeys: [ArchiveQueryKey] = []
        if case .sequence(let keys)? = key?.match { itemKeys = keys }
        var answers: [DataSet] = []
        for values in stored {
            let matches = itemKeys.allSatisfy { itemKey in
                guard let attribute = attributes.first(where: { $0.tag == itemKey.tag }) else { return true }
                return itemKey.match.isUniversal || itemKey.match.matches(values[itemKey.tag], kind: attribute.kind)
            }
            guard matches else { continue }
            var item = DataSet(characterSet: .utf8)
            for (raw, value) in values.sorted(by: { $0.key < $1.key }) where !value.isEmpty {
                let tag = Tag(rawValue: raw)
                try item.set(
                    tag, vr: DataDictionary.entry(for: tag)?.vr ?? .LO,
                    strings: value.split(separator: "\\", omittingEmptySubsequences: false).map(String.init))
            }
            answers.append(item)
        }
        return answers
    }

    /// The indexed sequences among the fields a request answers, at its level and above: the store reads their
    /// items only when the query names them, so each is added as a universal key (PS3.4 §C.2.2.2.6: an empty
    /// sequence key matches everything and asks for the items).
    static func sequencesToRead(for request: QIDORequest) -> [ArchiveQueryKey] {
        let level = request.query.level
        return fields(for: request).filter { tag in
            A.sequenceItems[tag] != nil && (A.attribute(tag)?.level ?? .image) <= level && request.query.key(tag) == nil
        }.map { ArchiveQueryKey(tag: $0, match: .sequence([])) }
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
