import Foundation
import NIOCore

extension DataSet {
    /// The first text value, decoded with this data set's character set: `dataSet.string(.patientID)`.
    public func string(_ tag: Tag) -> String? {
        self[tag]?.stringValues(characterSet: characterSet).first
    }

    /// All text values (split at backslashes): `dataSet.strings(.imageType)`.
    public func strings(_ tag: Tag) -> [String] {
        self[tag]?.stringValues(characterSet: characterSet) ?? []
    }

    /// The first integer value (US, SS, UL, SL, SV, UV, IS): `dataSet.int(.rows)`.
    public func int(_ tag: Tag) -> Int? { self[tag]?.integerValues().first }

    /// All integer values.
    public func ints(_ tag: Tag) -> [Int] { self[tag]?.integerValues() ?? [] }

    /// The first decimal value (FL, FD, DS, IS, integers): `dataSet.double(.rescaleSlope)`.
    public func double(_ tag: Tag) -> Double? { self[tag]?.doubleValues().first }

    /// All decimal values: `dataSet.doubles(.pixelSpacing)`.
    public func doubles(_ tag: Tag) -> [Double] { self[tag]?.doubleValues() ?? [] }

    /// The first person name, with its alphabetic, ideographic and phonetic groups.
    public func personName(_ tag: Tag) -> PersonName? { string(tag).map(PersonName.init) }

    /// All person names.
    public func personNames(_ tag: Tag) -> [PersonName] { strings(tag).map(PersonName.init) }

    /// The first date (DA): `dataSet.date(.studyDate)`.
    public func date(_ tag: Tag) -> DICOMDate? { string(tag).flatMap(DICOMDate.init) }

    /// The first time (TM).
    public func time(_ tag: Tag) -> DICOMTime? { string(tag).flatMap(DICOMTime.init) }

    /// The first date-time (DT).
    public func dateTime(_ tag: Tag) -> DICOMDateTime? { string(tag).flatMap(DICOMDateTime.init) }

    /// The first attribute tag value (AT).
    public func tagValue(_ tag: Tag) -> Tag? { self[tag]?.tagValues().first }

    /// The items of a sequence: `dataSet.sequence(.contentSequence)`.
    public func sequence(_ tag: Tag) -> [DataSet]? { self[tag]?.items }

    /// The raw value bytes (little endian for binary VRs), e.g. native pixel data: `dataSet.bytes(.pixelData)`.
    public func bytes(_ tag: Tag) -> ByteBuffer? { self[tag]?.bytes }

    /// Encapsulated pixel data (offset table and fragments): `dataSet.fragments(.pixelData)`.
    public func fragments(_ tag: Tag) -> EncapsulatedPixelData? { self[tag]?.fragments }

    // MARK: Setting values

    /// Sets text values, encoded in this data set's character set; `vr` defaults to the dictionary's.
    public mutating func set(_ tag: Tag, vr: VR? = nil, strings values: [String]) throws {
        let vr = vr ?? DataDictionary.entry(for: tag)?.vr ?? .UN
        guard vr.isString || vr == .UN else {
            throw DICOMError(.unencodableValue, "\(vr.rawValue) does not hold text", tag: tag)
        }
        var bytes: [UInt8] = []
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(0x5C) }
            bytes += try characterSet.encode(value, vr: vr)
        }
        insert(DataElement(tag: tag, vr: vr, bytes: ByteBuffer(bytes: bytes)))
        if tag == .specificCharacterSet { characterSet = SpecificCharacterSet(terms: values) }
    }

    /// Sets one text value: `try dataSet.set(.patientID, string: "12345")`.
    public mutating func set(_ tag: Tag, vr: VR? = nil, string value: String) throws {
        try set(tag, vr: vr, strings: [value])
    }

    /// Sets integer values: binary for US, SS, UL, SL, SV, UV, AT-free; text for IS and DS.
    public mutating func set(_ tag: Tag, vr: VR? = nil, ints values: [Int]) throws {
        let vr = vr ?? DataDictionary.entry(for: tag)?.vr ?? .UN
        var buffer = ByteBuffer()
        func put<T: FixedWidthInteger>(_ type: T.Type) throws {
            for value in values {
                guard let narrow = T(exactly: value) else {
                    throw DICOMError(.unencodableValue, "\(value) does not fit \(vr.rawValue)", tag: tag)
                }
                buffer.writeInteger(narrow, endianness: .little)
            }
        }
        switch vr {
        case .US, .OW: try put(UInt16.self)
        case .SS: try put(Int16.self)
        case .UL, .OL: try put(UInt32.self)
        case .SL: try put(Int32.self)
        case .SV: try put(Int64.self)
        case .UV, .OV: try put(UInt64.self)
        case .IS, .DS:
            try set(tag, vr: vr, strings: values.map(String.init))
            return
        default:
            throw DICOMError(.unencodableValue, "\(vr.rawValue) does not hold integers", tag: tag)
        }
        insert(DataElement(tag: tag, vr: vr, bytes: buffer))
    }

    /// Sets one integer value: `try dataSet.set(.rows, int: 512)`.
    public mutating func set(_ tag: Tag, vr: VR? = nil, int value: Int) throws {
        try set(tag, vr: vr, ints: [value])
    }

    /// Sets decimal values: binary for FL, FD, OF, OD; text (at most 16 characters) for DS.
    public mutating func set(_ tag: Tag, vr: VR? = nil, doubles values: [Double]) throws {
        let vr = vr ?? DataDictionary.entry(for: tag)?.vr ?? .UN
        var buffer = ByteBuffer()
        switch vr {
        case .FL, .OF: for value in values { buffer.writeInteger(Float(value).bitPattern, endianness: .little) }
        case .FD, .OD: for value in values { buffer.writeInteger(value.bitPattern, endianness: .little) }
        case .DS:
            try set(tag, vr: vr, strings: values.map(Self.decimalString))
            return
        default:
            throw DICOMError(.unencodableValue, "\(vr.rawValue) does not hold decimals", tag: tag)
        }
        insert(DataElement(tag: tag, vr: vr, bytes: buffer))
    }

    /// Sets one decimal value: `try dataSet.set(.sliceThickness, double: 1.25)`.
    public mutating func set(_ tag: Tag, vr: VR? = nil, double value: Double) throws {
        try set(tag, vr: vr, doubles: [value])
    }

    /// Sets a sequence.
    public mutating func set(_ tag: Tag, sequence items: [DataSet]) {
        insert(DataElement(tag: tag, vr: .SQ, value: .sequence(items)))
    }

    /// Sets raw value bytes (little endian for binary VRs).
    public mutating func set(_ tag: Tag, vr: VR, bytes: ByteBuffer) {
        insert(DataElement(tag: tag, vr: vr, bytes: bytes))
    }

    /// Sets encapsulated pixel data.
    public mutating func set(_ tag: Tag, fragments: EncapsulatedPixelData) {
        insert(DataElement(tag: tag, vr: .OB, value: .fragments(fragments)))
    }

    /// A DS value of at most 16 characters. PS3.5 §6.2.
    static func decimalString(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        let text = String(value)
        if text.count <= 16 { return text }
        for digits in stride(from: 15, through: 1, by: -1) {
            let candidate = String(format: "%.\(digits)g", value)
            if candidate.count <= 16 { return candidate }
        }
        return String(format: "%.6e", value)
    }
}

extension DataSet {
    /// The frames of encapsulated Pixel Data, using Number of Frames (0028,0008) and, when present, the Extended
    /// Offset Table (7FE0,0001) and its lengths (7FE0,0002). PS3.5 §A.4. Nil when pixel data is not encapsulated.
    public func encapsulatedFrames() throws -> [ByteBuffer]? {
        guard let data = fragments(.pixelData) else { return nil }
        let numberOfFrames = Swift.max(int(.numberOfFrames) ?? 1, 1)
        let offsets = self[Tag(0x7FE0, 0x0001)]?.bytes.map { DataElement.unpack($0, as: UInt64.self) }
        let lengths = self[Tag(0x7FE0, 0x0002)]?.bytes.map { DataElement.unpack($0, as: UInt64.self) }
        return try data.frames(numberOfFrames: numberOfFrames, extendedOffsets: offsets, extendedLengths: lengths)
    }
}
