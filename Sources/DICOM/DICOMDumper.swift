import NIOCore

/// Text listing of a file or data set in the manner of dcmtk's `dcmdump`: one line per element with tag,
/// VR, value, length, multiplicity and keyword; nested items indented.
///
/// The listing is written as UTF-8 bytes straight from the element values (``dumpBytes(_:)-(DICOMFile)``):
/// values are formatted only as far as the cut at ``maxValueLength`` needs, and text that is plain ASCII is
/// never decoded into a `String`. Text that is not (other character sets, CR LF) takes the `String` route,
/// whose widths count characters, so both routes print the same listing.
public struct DICOMDumper: Sendable {
    /// Longest value text printed before it is cut with "...".
    public var maxValueLength: Int

    /// Creates a dumper: `DICOMDumper().dump(file)`.
    public init(maxValueLength: Int = 64) {
        self.maxValueLength = maxValueLength
    }

    /// The listing of a file: meta information header, then the data set.
    public func dump(_ file: DICOMFile) -> String {
        String(decoding: dumpBytes(file), as: UTF8.self)
    }

    /// The listing of one data set.
    public func dump(_ dataSet: DataSet) -> String {
        String(decoding: dumpBytes(dataSet), as: UTF8.self)
    }

    /// The listing of a file as UTF-8 bytes, for writing to a file or standard output without a `String`.
    public func dumpBytes(_ file: DICOMFile) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(8192)
        out.append(
            contentsOf:
                "\n# Dicom-File-Format\n\n# Dicom-Meta-Information-Header\n# Used TransferSyntax: Little Endian Explicit\n"
                .utf8)
        dump(file.fileMetaInformation, depth: 0, into: &out)
        out.append(contentsOf: "\n# Dicom-Data-Set\n# Used TransferSyntax: \(file.transferSyntax)\n".utf8)
        dump(file.dataSet, depth: 0, into: &out)
        return out
    }

    /// The listing of one data set as UTF-8 bytes.
    public func dumpBytes(_ dataSet: DataSet) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(8192)
        dump(dataSet, depth: 0, into: &out)
        return out
    }

    private func dump(_ dataSet: DataSet, depth: Int, into out: inout [UInt8]) {
        for element in dataSet {
            let keyword = DataDictionary.entry(for: element.tag)?.keyword
            let name =
                keyword.flatMap { $0.isEmpty ? nil : $0 }
                ?? (element.tag.isPrivateCreator ? "PrivateCreator" : "Unknown Tag & Data")
            switch element.value {
            case .sequence(let items):
                var start = beginLine(depth, element.tag, element.vr.rawValue, into: &out)
                out.append(contentsOf: "(Sequence with undefined length #=\(items.count))".utf8)
                endLine(depth, from: start, length: -1, vm: 1, name: name, into: &out)
                for item in items {
                    start = beginLine(depth + 1, .item, "na", into: &out)
                    out.append(contentsOf: "(Item with undefined length #=\(item.count))".utf8)
                    endLine(depth + 1, from: start, length: -1, vm: 1, name: "Item", into: &out)
                    dump(item, depth: depth + 2, into: &out)
                    start = beginLine(depth + 1, .itemDelimitationItem, "na", into: &out)
                    out.append(contentsOf: "(ItemDelimitationItem)".utf8)
                    endLine(depth + 1, from: start, length: 0, vm: 0, name: "ItemDelimitationItem", into: &out)
                }
                start = beginLine(depth, .sequenceDelimitationItem, "na", into: &out)
                out.append(contentsOf: "(SequenceDelimitationItem)".utf8)
                endLine(depth, from: start, length: 0, vm: 0, name: "SequenceDelimitationItem", into: &out)
            case .fragments(let data):
                let count = data.fragments.count + 1
                var start = beginLine(depth, element.tag, element.vr.rawValue, into: &out)
                out.append(contentsOf: "(PixelSequence #=\(count))".utf8)
                endLine(depth, from: start, length: -1, vm: 1, name: name, into: &out)
                for fragment in [data.basicOffsetTable] + data.fragments {
                    start = beginLine(depth + 1, .item, "pi", into: &out)
                    if fragment.readableBytes == 0 {
                        out.append(contentsOf: "(no value available)".utf8)
                    } else {
                        writeHex(fragment, wordSize: 1, into: &out)
                    }
                    endLine(depth + 1, from: start, length: fragment.readableBytes, vm: 1, name: "Item", into: &out)
                }
                start = beginLine(depth, .sequenceDelimitationItem, "na", into: &out)
                out.append(contentsOf: "(SequenceDelimitationItem)".utf8)
                endLine(depth, from: start, length: 0, vm: 0, name: "SequenceDelimitationItem", into: &out)
            case .bytes(let buffer):
                let start = beginLine(depth, element.tag, element.vr.rawValue, into: &out)
                let vm = writeValue(element, buffer: buffer, characterSet: dataSet.characterSet, into: &out)
                endLine(depth, from: start, length: buffer.readableBytes, vm: vm, name: name, into: &out)
            }
        }
    }

    /// Writes the indent, "(gggg,eeee)", the VR and a space; returns where the line started.
    private func beginLine(_ depth: Int, _ tag: Tag, _ vr: String, into out: inout [UInt8]) -> Int {
        let start = out.count
        for _ in 0..<depth { out.append(0x20); out.append(0x20) }
        out.append(UInt8(ascii: "("))
        Self.appendHex(tag.group, into: &out)
        out.append(UInt8(ascii: ","))
        Self.appendHex(tag.element, into: &out)
        out.append(UInt8(ascii: ")"))
        out.append(0x20)
        out.append(contentsOf: vr.utf8)
        out.append(0x20)
        return start
    }

    /// Pads the line to dcmdump's "#" column (57 plus the indent), then "# length, vm name". A length of
    /// -1 prints "u/l" (undefined length).
    private func endLine(_ depth: Int, from start: Int, length: Int, vm: Int, name: String, into out: inout [UInt8]) {
        let column = 55 + 2 * depth
        var plain = true
        for index in start..<out.count where out[index] >= 0x80 || out[index] == 0x0D {
            plain = false
            break
        }
        // Characters, not bytes: other scripts and CR LF (one Character) are counted as a String counts them.
        let width = plain ? out.count - start : String(decoding: out[start...], as: UTF8.self).count
        if width < column { out.append(contentsOf: repeatElement(0x20, count: column - width)) }
        out.append(contentsOf: " # ".utf8)
        if length < 0 {
            out.append(contentsOf: "u/l".utf8)
        } else {
            if length < 10 { out.append(0x20) }
            if length < 100 { out.append(0x20) }
            Self.appendDecimal(length, into: &out)
        }
        out.append(contentsOf: ", ".utf8)
        Self.appendDecimal(vm, into: &out)
        out.append(0x20)
        out.append(contentsOf: name.utf8)
        out.append(0x0A)
    }

    static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    static func appendHex(_ value: UInt16, into out: inout [UInt8]) {
        out.append(hexDigits[Int(value >> 12) & 0xF])
        out.append(hexDigits[Int(value >> 8) & 0xF])
        out.append(hexDigits[Int(value >> 4) & 0xF])
        out.append(hexDigits[Int(value) & 0xF])
    }

    /// Appends `value` in decimal, as `String(value)` writes it.
    static func appendDecimal(_ value: Int, into out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits = 1
        var scale: UInt = 10
        while digits < 20 && magnitude >= scale {
            digits += 1
            scale = scale.multipliedReportingOverflow(by: 10).partialValue
        }
        let end = out.count + digits
        out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: digits))
        var index = end - 1
        while magnitude > 0 {
            out[index] = UInt8(ascii: "0") + UInt8(magnitude % 10)
            magnitude /= 10
            index -= 1
        }
    }
}
