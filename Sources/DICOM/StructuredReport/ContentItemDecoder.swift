import Foundation

/// Builds content items from Content Sequence items, leniently, collecting warnings.
/// PS3.3 §C.17.3, §C.18.
struct ContentItemDecoder {
    var warnings: [SRWarning] = []

    private static let observationDateTime = Tag(0x0040, 0xA032)
    private static let numericValueQualifierCodeSequence = Tag(0x0040, 0xA301)
    private static let floatingPointValue = Tag(0x0040, 0xA161)
    private static let referencedSOPSequence = Tag(0x0008, 0x1199)
    private static let referencedFrameNumber = Tag(0x0008, 0x1160)
    private static let referencedSegmentNumber = Tag(0x0062, 0x000B)
    private static let referencedWaveformChannels = Tag(0x0040, 0xA0B0)
    private static let graphicData = Tag(0x0070, 0x0022)
    private static let graphicType = Tag(0x0070, 0x0023)
    private static let referencedFrameOfReferenceUID = Tag(0x3006, 0x0024)
    private static let temporalRangeType = Tag(0x0040, 0xA130)
    private static let referencedSamplePositions = Tag(0x0040, 0xA132)
    private static let referencedTimeOffsets = Tag(0x0040, 0xA138)
    private static let referencedDateTime = Tag(0x0040, 0xA13A)

    mutating func decode(_ item: DataSet, position: [Int], isRoot: Bool = false) -> ContentItem {
        let path = position.map(String.init).joined(separator: ".")
        var relationship: SRRelationshipType?
        if !isRoot {
            let raw = item.string(.relationshipType)
            relationship = raw.flatMap(SRRelationshipType.init(rawValue:))
            if relationship == nil {
                warn("sr.bad-relationship", path, "relationship type \(raw.map { "'\($0)'" } ?? "missing")")
            }
        }
        let conceptName = codedEntry(in: item, .conceptNameCodeSequence, path: path)
        let reference = item.ints(.referencedContentItemIdentifier)
        let rawType = item.string(.valueType)
        var valueType: SRValueType?
        let value: ContentItem.Value
        if rawType == nil, !reference.isEmpty {
            value = .reference
        } else if let rawType, let known = SRValueType(rawValue: rawType) {
            valueType = known
            value = decodeValue(known, item, path: path)
        } else {
            warn("sr.unknown-value-type", path, "value type \(rawType.map { "'\($0)'" } ?? "missing")")
            value = .unknown(rawType ?? "")
        }
        var children: [ContentItem] = []
        if let items = item.sequence(.contentSequence), !items.isEmpty {
            if position.count >= StructuredReport.maximumDepth {
                warn("sr.too-deep", path, "content deeper than \(StructuredReport.maximumDepth) levels dropped")
            } else {
                children.reserveCapacity(items.count)
                for (index, child) in items.enumerated() {
                    children.append(decode(child, position: position + [index + 1]))
                }
            }
        }
        return ContentItem(
            relationship: relationship, valueType: valueType, conceptName: conceptName, value: value,
            observationDateTime: item.string(Self.observationDateTime),
            reference: reference.isEmpty ? nil : reference, position: position, children: children)
    }

    private mutating func decodeValue(_ type: SRValueType, _ item: DataSet, path: String) -> ContentItem.Value {
        func text(_ tag: Tag) -> String? {
            guard item.contains(tag) else { return nil }
            return item.strings(tag).joined(separator: "\\")
        }
        func missing(_ attribute: String) -> ContentItem.Value {
            warn("sr.missing-value", path, "\(type.rawValue) item without \(attribute)")
            return .unknown(type.rawValue)
        }
        switch type {
        case .container:
            return .container(continuous: item.string(.continuityOfContent) == "CONTINUOUS")
        case .text:
            return text(.textValue).map(ContentItem.Value.text) ?? missing("Text Value (0040,A160)")
        case .code:
            return codedEntry(in: item, .conceptCodeSequence, path: path).map(ContentItem.Value.code)
                ?? missing("Concept Code Sequence (0040,A168)")
        case .num:
            return decodeNumber(item, path: path)
        case .dateTime:
            return text(.dateTime).map(ContentItem.Value.dateTime) ?? missing("DateTime (0040,A120)")
        case .date:
            return text(.date).map(ContentItem.Value.date) ?? missing("Date (0040,A121)")
        case .time:
            return text(.time).map(ContentItem.Value.time) ?? missing("Time (0040,A122)")
        case .uidRef:
            return text(.uid).map(ContentItem.Value.uidRef) ?? missing("UID (0040,A124)")
        case .personName:
            // An empty name ("^^^") is still a value, distinct from a missing attribute.
            guard item.contains(.personName) else { return missing("Person Name (0040,A123)") }
            return .personName(PersonName(item.string(.personName) ?? ""))
        case .composite, .image, .waveform:
            guard let reference = item.sequence(Self.referencedSOPSequence)?.first else {
                return missing("Referenced SOP Sequence (0008,1199)")
            }
            let sop = ReferencedSOP(
                sopClassUID: reference.string(.referencedSOPClassUID) ?? "",
                sopInstanceUID: reference.string(.referencedSOPInstanceUID) ?? "",
                frameNumbers: reference.ints(Self.referencedFrameNumber),
                segmentNumbers: reference.ints(Self.referencedSegmentNumber),
                waveformChannels: reference.ints(Self.referencedWaveformChannels))
            if sop.sopInstanceUID.isEmpty {
                warn("sr.missing-value", path, "\(type.rawValue) reference without Referenced SOP Instance UID")
            }
            switch type {
            case .image: return .image(sop)
            case .waveform: return .waveform(sop)
            default: return .composite(sop)
            }
        case .scoord, .scoord3D:
            guard let graphicType = item.string(Self.graphicType) else { return missing("Graphic Type (0070,0023)") }
            let data = item.doubles(Self.graphicData)
            let dimensions = type == .scoord ? 2 : 3
            if data.isEmpty || data.count % dimensions != 0 {
                warn("sr.bad-coordinates", path, "\(data.count) graphic data values for \(dimensions)-D points")
            }
            let coordinates = SpatialCoordinates(
                graphicType: graphicType, graphicData: data,
                frameOfReferenceUID: item.string(Self.referencedFrameOfReferenceUID))
            return type == .scoord ? .scoord(coordinates) : .scoord3D(coordinates)
        case .tcoord:
            guard let rangeType = item.string(Self.temporalRangeType) else {
                return missing("Temporal Range Type (0040,A130)")
            }
            return .tcoord(
                TemporalCoordinates(
                    rangeType: rangeType, samplePositions: item.ints(Self.referencedSamplePositions),
                    timeOffsets: item.doubles(Self.referencedTimeOffsets),
                    dateTimes: item.strings(Self.referencedDateTime)))
        case .table:
            return .unknown(type.rawValue)
        }
    }

    private mutating func decodeNumber(_ item: DataSet, path: String) -> ContentItem.Value {
        let qualifier = codedEntry(in: item, Self.numericValueQualifierCodeSequence, path: path)
        guard let measured = item.sequence(.measuredValueSequence)?.first else {
            if qualifier == nil {
                warn("sr.missing-measured-value", path, "NUM item without Measured Value Sequence (0040,A300)")
            }
            return .num(nil, qualifier: qualifier)
        }
        let numericText =
            measured.contains(.numericValue) ? measured.strings(.numericValue).joined(separator: "\\") : nil
        var value = measured.double(Self.floatingPointValue)
        if value == nil, let first = measured.strings(.numericValue).first {
            value = Double(first.trimmingCharacters(in: .whitespaces))
        }
        // DS allows no NaN or infinity, and JSON cannot carry them.
        if let number = value, !number.isFinite { value = nil }
        if value == nil {
            warn("sr.bad-numeric-value", path, "numeric value \(numericText.map { "'\($0)'" } ?? "missing")")
        } else if measured.strings(.numericValue).count > 1 {
            warn("sr.multiple-numeric-values", path, "several numeric values; the first is used")
        }
        let units = codedEntry(in: measured, .measurementUnitsCodeSequence, path: path)
        if units == nil {
            warn("sr.missing-units", path, "measured value without Measurement Units Code Sequence (0040,08EA)")
        }
        let values =
            measured.contains(Self.floatingPointValue)
            ? measured.doubles(Self.floatingPointValue).filter(\.isFinite)
            : measured.strings(.numericValue).compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
                .filter(\.isFinite)
        return .num(
            MeasuredValue(value: value, numericText: numericText, values: value == nil ? [] : values, units: units),
            qualifier: qualifier)
    }

    private mutating func codedEntry(in item: DataSet, _ tag: Tag, path: String) -> CodedEntry? {
        guard let element = item[tag] else { return nil }
        guard let first = element.items?.first else {
            warn("sr.bad-code", path, "\(tag) is empty or not a sequence")
            return nil
        }
        guard let entry = CodedEntry(item: first) else {
            warn("sr.bad-code", path, "\(tag) item has no code value")
            return nil
        }
        return entry
    }

    private mutating func warn(_ code: String, _ path: String, _ message: String) {
        warnings.append(SRWarning(code: code, path: path, message: message))
    }
}
