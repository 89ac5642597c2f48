import DICOM
import DICOMNetwork
import LightboxDomain
import NIOCore

/// Turns a C-FIND, C-MOVE or C-GET identifier (PS3.4 §C.4) into the domain's ``ArchiveQuery`` and an index record
/// back into a C-FIND response identifier. Translation only: the matching rules are the domain's
/// (``AttributeMatch``) and the SQL is the store's.
enum QueryIdentifierTranslator {
    static let queryRetrieveLevel = Tag(rawValue: ArchiveAttributes.queryRetrieveLevel)
    static let specificCharacterSet = Tag(rawValue: ArchiveAttributes.specificCharacterSet)
    static let retrieveAETitle = Tag(rawValue: ArchiveAttributes.retrieveAETitle)
    static let instanceAvailability = Tag(rawValue: ArchiveAttributes.instanceAvailability)

    /// The query an identifier asks, PS3.4 §C.4.1.1.3: the level from Query/Retrieve Level (0008,0052), every other
    /// element a key (matching when it has a value, return key when empty). The Study Root model has no PATIENT
    /// level (PS3.4 §C.6.2).
    static func query(from identifier: DataSet, model: QueryInformationModel, limit: Int) throws -> ArchiveQuery {
        guard let levelText = identifier.string(queryRetrieveLevel)?.trimmingCharacters(in: .whitespaces),
            !levelText.isEmpty
        else {
            throw DomainError(
                .validationFailed, "The identifier has no Query/Retrieve Level (0008,0052).",
                fields: [FieldProblem("QueryRetrieveLevel", "missing")])
        }
        guard let level = ArchiveQueryLevel(rawValue: levelText.uppercased()),
            !(model == .studyRoot && level == .patient)
        else {
            throw DomainError(
                .validationFailed,
                "Query/Retrieve Level \(levelText) is not a level of the \(model == .studyRoot ? "Study" : "Patient") Root model.",
                fields: [FieldProblem("QueryRetrieveLevel", "\(levelText) is not a level of this model")])
        }
        var keys: [ArchiveQueryKey] = []
        for element in identifier
        where element.tag != queryRetrieveLevel && element.tag != specificCharacterSet && !element.tag.isGroupLength {
            keys.append(try key(element, in: identifier))
        }
        return ArchiveQuery(level: level, keys: keys, limit: limit)
    }

    /// How an attribute is matched: the index's own table, else from its value representation.
    static func kind(_ tag: Tag, vr: VR) -> ArchiveValueKind {
        if let attribute = ArchiveAttributes.attribute(tag.rawValue) { return attribute.kind }
        switch vr {
        case .PN: return .personName
        case .DA: return .date
        case .TM: return .time
        case .DT: return .dateTime
        case .UI: return .uid
        case .SQ: return .sequence
        case .AE, .CS, .LO, .SH, .LT, .ST, .UC, .UT, .UR: return .text
        default: return .exact
        }
    }

    private static func key(_ element: DataElement, in dataSet: DataSet) throws -> ArchiveQueryKey {
        let name = element.tag.keyword ?? element.tag.description
        let kind = kind(element.tag, vr: element.vr)
        if kind == .sequence || element.vr == .SQ {
            // PS3.4 §C.2.2.2.6: one item, whose elements are the keys; no item is universal matching.
            guard let items = element.items, let item = items.first else {
                return ArchiveQueryKey(tag: element.tag.rawValue, match: .universal)
            }
            guard items.count == 1 else {
                throw DomainError(
                    .validationFailed, "The sequence \(name) of a query holds \(items.count) items; it may hold one.",
                    fields: [FieldProblem(name, "more than one item")])
            }
            let itemKeys = try item.map { try key($0, in: item) }
            return ArchiveQueryKey(tag: element.tag.rawValue, match: .sequence(itemKeys))
        }
        let value = text(element, in: dataSet)
        return try ArchiveQueryKey(tag: element.tag.rawValue, kind: kind, value: value, attribute: name)
    }

    /// The element's value as text, multiple values joined by `\`, decoded with the Specific Character Set.
    private static func text(_ element: DataElement, in dataSet: DataSet) -> String {
        if element.vr.isString {
            return element.stringValues(characterSet: dataSet.characterSet).joined(separator: "\\")
        }
        let numbers = element.integerValues()
        if !numbers.isEmpty { return numbers.map(String.init).joined(separator: "\\") }
        return element.doubleValues().map { String($0) }.joined(separator: "\\")
    }

    /// The items of a sequence key's answer (PS3.4 §C.2.2.2.6): the record's items that match the
    /// query's item, each with the item's keys (every attribute the index holds when the query's item is
    /// empty); none when the index holds no item.
    static func items(
        _ stored: [[UInt32: String]], asked element: DataElement, in identifier: DataSet,
        characterSet: SpecificCharacterSet
    ) throws -> [DataSet] {
        let queryItem = element.items?.first ?? DataSet()
        let keys = try queryItem.map { try key($0, in: queryItem) }
        var answers: [DataSet] = []
        for values in stored {
            let matches = zip(queryItem, keys).allSatisfy { element, key in
                key.match.isUniversal || key.match.matches(values[key.tag], kind: kind(element.tag, vr: element.vr))
            }
            guard matches else { continue }
            var item = DataSet(characterSet: characterSet)
            if queryItem.isEmpty {
                for (tag, value) in values.sorted(by: { $0.key < $1.key }) {
                    let vr = DataDictionary.entry(for: Tag(rawValue: tag))?.vrs.first ?? .LO
                    try item.set(Tag(rawValue: tag), vr: vr, strings: value.components(separatedBy: "\\"))
                }
            } else {
                for element in queryItem where element.vr != .SQ {
                    if let value = values[element.tag.rawValue], !value.isEmpty {
                        try item.set(element.tag, vr: element.vr, strings: value.components(separatedBy: "\\"))
                    } else {
                        item.insert(DataElement(tag: element.tag, vr: element.vr, bytes: ByteBuffer()))
                    }
                }
            }
            answers.append(item)
        }
        return answers
    }

    /// The C-FIND response identifier for a record: every key of the request with the record's value (zero length
    /// when the index holds none), the level, and the Specific Character Set the values are written in (the
    /// request's when it can hold them, else ISO_IR 192), PS3.4 §C.4.1.1.3.2.
    static func answer(_ record: ArchiveRecord, to identifier: DataSet, retrieveAETitle ourAETitle: String) throws
        -> DataSet
    {
        if let answer = try? answer(record, to: identifier, characterSet: identifier.characterSet, ae: ourAETitle) {
            return answer
        }
        return try answer(record, to: identifier, characterSet: .utf8, ae: ourAETitle)
    }

    private static func answer(
        _ record: ArchiveRecord, to identifier: DataSet, characterSet: SpecificCharacterSet, ae: String
    ) throws -> DataSet {
        var answer = DataSet(characterSet: characterSet)
        if !characterSet.terms.isEmpty {
            try answer.set(specificCharacterSet, vr: .CS, strings: characterSet.terms)
        }
        try answer.set(queryRetrieveLevel, vr: .CS, string: record.level.rawValue)
        for element in identifier
        where element.tag != queryRetrieveLevel && element.tag != specificCharacterSet && !element.tag.isGroupLength {
            if element.vr == .SQ {
                answer.set(
                    element.tag,
                    sequence: try items(
                        record.sequences[element.tag.rawValue] ?? [], asked: element, in: identifier,
                        characterSet: characterSet))
                continue
            }
            var value = record[element.tag.rawValue]
            if element.tag == retrieveAETitle { value = ae }
            if element.tag == instanceAvailability { value = "ONLINE" }
            guard let value, !value.isEmpty else {
                answer.insert(DataElement(tag: element.tag, vr: element.vr, bytes: ByteBuffer()))
                continue
            }
            let values = value.split(separator: "\\", omittingEmptySubsequences: false).map(String.init)
            if [.US, .SS, .UL, .SL, .SV, .UV].contains(element.vr) {
                try answer.set(element.tag, vr: element.vr, ints: values.compactMap { Int($0) })
            } else {
                try answer.set(element.tag, vr: element.vr, strings: values)
            }
        }
        return answer
    }
}
