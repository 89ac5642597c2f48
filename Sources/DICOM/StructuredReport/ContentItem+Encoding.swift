extension ContentItem {
    /// This item and its subtree as a Content Sequence item (for the root: the document-level
    /// attributes Value Type, Concept Name, Continuity of Content and Content Sequence).
    /// PS3.3 §C.17.3, §C.18. Decoding the result gives this item back.
    /// - Throws: `DICOMError` `.unencodableValue` when a text cannot be encoded in `characterSet`.
    public func dataSet(characterSet: SpecificCharacterSet = .default) throws -> DataSet {
        var item = DataSet(characterSet: characterSet)
        if let relationship { try item.set(.relationshipType, vr: .CS, string: relationship.rawValue) }
        if let conceptName {
            item.set(.conceptNameCodeSequence, sequence: [try conceptName.item(characterSet: characterSet)])
        }
        if let observationDateTime { try item.set(Tag(0x0040, 0xA032), vr: .DT, string: observationDateTime) }
        if let reference { try item.set(.referencedContentItemIdentifier, vr: .UL, ints: reference) }
        try encodeValue(into: &item, characterSet: characterSet)
        if !children.isEmpty {
            item.set(.contentSequence, sequence: try children.map { try $0.dataSet(characterSet: characterSet) })
        }
        return item
    }

    private func encodeValue(into item: inout DataSet, characterSet: SpecificCharacterSet) throws {
        func type(_ name: String) throws { try item.set(.valueType, vr: .CS, string: name) }
        func reference(_ sop: ReferencedSOP) throws {
            var referenced = DataSet(characterSet: characterSet)
            try referenced.set(.referencedSOPClassUID, vr: .UI, string: sop.sopClassUID)
            try referenced.set(.referencedSOPInstanceUID, vr: .UI, string: sop.sopInstanceUID)
            if !sop.frameNumbers.isEmpty { try referenced.set(Tag(0x0008, 0x1160), vr: .IS, ints: sop.frameNumbers) }
            if !sop.segmentNumbers.isEmpty {
                try referenced.set(Tag(0x0062, 0x000B), vr: .US, ints: sop.segmentNumbers)
            }
            if !sop.waveformChannels.isEmpty {
                try referenced.set(Tag(0x0040, 0xA0B0), vr: .US, ints: sop.waveformChannels)
            }
            item.set(Tag(0x0008, 0x1199), sequence: [referenced])
        }
        func coordinates(_ coordinates: SpatialCoordinates) throws {
            try item.set(Tag(0x0070, 0x0023), vr: .CS, string: coordinates.graphicType)
            try item.set(Tag(0x0070, 0x0022), vr: .FL, doubles: coordinates.graphicData)
            if let frame = coordinates.frameOfReferenceUID { try item.set(Tag(0x3006, 0x0024), vr: .UI, string: frame) }
        }
        switch value {
        case .container(let continuous):
            try type("CONTAINER")
            try item.set(.continuityOfContent, vr: .CS, string: continuous ? "CONTINUOUS" : "SEPARATE")
        case .text(let text):
            try type("TEXT")
            try item.set(.textValue, vr: .UT, string: text)
        case .code(let code):
            try type("CODE")
            item.set(.conceptCodeSequence, sequence: [try code.item(characterSet: characterSet)])
        case .num(let measured, let qualifier):
            try type("NUM")
            if let measured {
                var measuredItem = DataSet(characterSet: characterSet)
                if let text = measured.numericText {
                    try measuredItem.set(.numericValue, vr: .DS, string: text)
                } else if let number = measured.value {
                    try measuredItem.set(.numericValue, vr: .DS, doubles: [number])
                }
                if let units = measured.units {
                    measuredItem.set(
                        .measurementUnitsCodeSequence, sequence: [try units.item(characterSet: characterSet)])
                }
                item.set(.measuredValueSequence, sequence: [measuredItem])
            }
            if let qualifier {
                item.set(Tag(0x0040, 0xA301), sequence: [try qualifier.item(characterSet: characterSet)])
            }
        case .dateTime(let text):
            try type("DATETIME")
            try item.set(.dateTime, vr: .DT, string: text)
        case .date(let text):
            try type("DATE")
            try item.set(.date, vr: .DA, string: text)
        case .time(let text):
            try type("TIME")
            try item.set(.time, vr: .TM, string: text)
        case .uidRef(let uid):
            try type("UIDREF")
            try item.set(.uid, vr: .UI, string: uid)
        case .personName(let name):
            try type("PNAME")
            try item.set(.personName, vr: .PN, string: name.description)
        case .composite(let sop):
            try type("COMPOSITE")
            try reference(sop)
        case .image(let sop):
            try type("IMAGE")
            try reference(sop)
        case .waveform(let sop):
            try type("WAVEFORM")
            try reference(sop)
        case .scoord(let value):
            try type("SCOORD")
            try coordinates(value)
        case .scoord3D(let value):
            try type("SCOORD3D")
            try coordinates(value)
        case .tcoord(let value):
            try type("TCOORD")
            try item.set(Tag(0x0040, 0xA130), vr: .CS, string: value.rangeType)
            if !value.samplePositions.isEmpty {
                try item.set(Tag(0x0040, 0xA132), vr: .UL, ints: value.samplePositions)
            }
            if !value.timeOffsets.isEmpty { try item.set(Tag(0x0040, 0xA138), vr: .DS, doubles: value.timeOffsets) }
            if !value.dateTimes.isEmpty { try item.set(Tag(0x0040, 0xA13A), vr: .DT, strings: value.dateTimes) }
        case .reference:
            break
        case .unknown(let raw):
            if !raw.isEmpty { try type(raw) }
        }
    }
}
