import NIOCore

extension DataElement {
    /// The text values, split at backslashes (not for LT, ST, UT, UR), padding removed. PS3.5 §6.2, §6.4.
    public func stringValues(characterSet: SpecificCharacterSet = .default) -> [String] {
        guard vr.isString || vr == .UN, let buffer = bytes else { return [] }
        let text = buffer.withUnsafeReadableBytes { characterSet.decode($0, vr: vr) }
        // A value of padding alone is an empty value (VM 0), as dcmdump and the JSON model see it.
        if text.unicodeScalars.allSatisfy({ $0 == " " || $0 == "\0" }) { return [] }
        if vr.isSingleValuedText { return [Self.trim(text, vr: vr)] }
        return text.split(separator: "\\", omittingEmptySubsequences: false).map { Self.trim(String($0), vr: vr) }
    }

    /// Integer values: binary for US, SS, UL, SL, SV, UV (and OW/OL words), parsed for IS and DS. PS3.5 §6.2.
    public func integerValues() -> [Int] {
        guard let buffer = bytes else { return [] }
        switch vr {
        case .US, .OW: return Self.unpack(buffer, as: UInt16.self).map { Int($0) }
        case .SS: return Self.unpack(buffer, as: Int16.self).map { Int($0) }
        case .UL, .OL: return Self.unpack(buffer, as: UInt32.self).map { Int($0) }
        case .SL: return Self.unpack(buffer, as: Int32.self).map { Int($0) }
        case .SV: return Self.unpack(buffer, as: Int64.self).map { Int($0) }
        case .UV, .OV: return Self.unpack(buffer, as: UInt64.self).compactMap { Int(exactly: $0) }
        case .IS, .DS: return stringValues().compactMap { Int($0) ?? Double($0).flatMap { Int(exactly: $0) } }
        default: return []
        }
    }

    /// Floating-point values: binary for FL, FD, OF, OD; parsed for DS and IS; integer VRs converted.
    public func doubleValues() -> [Double] {
        guard let buffer = bytes else { return [] }
        switch vr {
        case .FL, .OF: return Self.unpack(buffer, as: UInt32.self).map { Double(Float(bitPattern: $0)) }
        case .FD, .OD: return Self.unpack(buffer, as: UInt64.self).map { Double(bitPattern: $0) }
        case .DS, .IS: return stringValues().compactMap { Double($0) }
        default: return integerValues().map { Double($0) }
        }
    }

    /// Attribute tag values (AT). PS3.5 §6.2.
    public func tagValues() -> [Tag] {
        guard vr == .AT, let buffer = bytes else { return [] }
        let words = Self.unpack(buffer, as: UInt16.self)
        return stride(from: 0, to: words.count - 1, by: 2).map { Tag(words[$0], words[$0 + 1]) }
    }

    static func unpack<T: FixedWidthInteger>(_ buffer: ByteBuffer, as: T.Type) -> [T] {
        let size = MemoryLayout<T>.size
        let count = buffer.readableBytes / size
        var result: [T] = []
        result.reserveCapacity(count)
        var index = buffer.readerIndex
        for _ in 0..<count {
            if let value = buffer.getInteger(at: index, endianness: .little, as: T.self) { result.append(value) }
            index += size
        }
        return result
    }

    /// Removes padding: trailing spaces and NULs; leading spaces too except for the text VRs. PS3.5 §6.2.
    static func trim(_ text: String, vr: VR) -> String {
        text.trimmingDICOMPadding(leadingSpaces: !vr.isSingleValuedText && vr != .PN)
    }
}
