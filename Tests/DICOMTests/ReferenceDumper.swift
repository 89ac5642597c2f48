import NIOCore

@testable import DICOM

/// The listing as `DICOMDumper` wrote it with `String`s before it wrote bytes (kept as the oracle the byte
/// route must equal, character for character: one `String` per value, widths and cuts by characters).
struct ReferenceDumper: Sendable {
    /// Longest value text printed before it is cut with "...".
    var maxValueLength: Int

    /// Creates a dumper: `DICOMDumper().dump(file)`.
    init(maxValueLength: Int = 64) {
        self.maxValueLength = maxValueLength
    }

    /// The listing of a file: meta information header, then the data set.
    func dump(_ file: DICOMFile) -> String {
        var out =
            "\n# Dicom-File-Format\n\n# Dicom-Meta-Information-Header\n# Used TransferSyntax: Little Endian Explicit\n"
        dump(file.fileMetaInformation, depth: 0, into: &out)
        out += "\n# Dicom-Data-Set\n# Used TransferSyntax: \(file.transferSyntax)\n"
        dump(file.dataSet, depth: 0, into: &out)
        return out
    }

    /// The listing of one data set.
    func dump(_ dataSet: DataSet) -> String {
        var out = ""
        dump(dataSet, depth: 0, into: &out)
        return out
    }

    private func dump(_ dataSet: DataSet, depth: Int, into out: inout String) {
        for element in dataSet {
            let keyword = DataDictionary.entry(for: element.tag)?.keyword
            let name =
                keyword.flatMap { $0.isEmpty ? nil : $0 }
                ?? (element.tag.isPrivateCreator ? "PrivateCreator" : "Unknown Tag & Data")
            switch element.value {
            case .sequence(let items):
                line(
                    depth, element.tag, element.vr.rawValue, "(Sequence with undefined length #=\(items.count))",
                    length: "u/l", vm: 1, name: name, into: &out)
                for item in items {
                    line(
                        depth + 1, .item, "na", "(Item with undefined length #=\(item.count))", length: "u/l", vm: 1,
                        name: "Item", into: &out)
                    dump(item, depth: depth + 2, into: &out)
                    line(
                        depth + 1, .itemDelimitationItem, "na", "(ItemDelimitationItem)", length: "0", vm: 0,
                        name: "ItemDelimitationItem", into: &out)
                }
                line(
                    depth, .sequenceDelimitationItem, "na", "(SequenceDelimitationItem)", length: "0", vm: 0,
                    name: "SequenceDelimitationItem", into: &out)
            case .fragments(let data):
                let all = [data.basicOffsetTable] + data.fragments
                line(
                    depth, element.tag, element.vr.rawValue, "(PixelSequence #=\(all.count))", length: "u/l", vm: 1,
                    name: name, into: &out)
                for fragment in all {
                    let text = fragment.readableBytes == 0 ? "(no value available)" : hexBytes(fragment)
                    line(
                        depth + 1, .item, "pi", text, length: String(fragment.readableBytes), vm: 1, name: "Item",
                        into: &out)
                }
                line(
                    depth, .sequenceDelimitationItem, "na", "(SequenceDelimitationItem)", length: "0", vm: 0,
                    name: "SequenceDelimitationItem", into: &out)
            case .bytes(let buffer):
                let (text, vm) = valueText(element, buffer: buffer, characterSet: dataSet.characterSet)
                line(
                    depth, element.tag, element.vr.rawValue, text, length: String(buffer.readableBytes), vm: vm,
                    name: name, into: &out)
            }
        }
    }

    private func valueText(_ element: DataElement, buffer: ByteBuffer, characterSet: SpecificCharacterSet)
        -> (String, Int)
    {
        if buffer.readableBytes == 0 { return ("(no value available)", 0) }
        switch element.vr {
        case .UI:
            let values = element.stringValues()
            if values.count == 1, let entry = UIDRegistry.entry(for: values[0]), !entry.keyword.isEmpty {
                return ("=" + entry.keyword, 1)
            }
            return ("[" + clip(values.joined(separator: "\\")) + "]", values.count)
        case _ where element.vr.isString:
            let values = element.stringValues(characterSet: characterSet)
            return ("[" + clip(values.joined(separator: "\\")) + "]", values.count)
        case .US, .SS, .UL, .SL, .SV, .UV:
            let values = element.integerValues()
            return (clip(values.map(String.init).joined(separator: "\\")), values.count)
        case .FL, .FD:
            let values = element.doubleValues()
            return (clip(values.map { String($0) }.joined(separator: "\\")), values.count)
        case .AT:
            let values = element.tagValues()
            return (clip(values.map { $0.description.lowercased() }.joined(separator: "\\")), values.count)
        default:
            return (hexBytes(buffer, wordSize: element.vr == .OW ? 2 : 1), 1)
        }
    }

    private func hexBytes(_ buffer: ByteBuffer, wordSize: Int = 1) -> String {
        var parts: [String] = []
        var index = buffer.readerIndex
        let end = buffer.writerIndex
        var length = 0
        while index + wordSize <= end && length <= maxValueLength {
            let text: String
            if wordSize == 2, let word = buffer.getInteger(at: index, endianness: .little, as: UInt16.self) {
                text = String(hex4(word).lowercased())
            } else {
                let byte = buffer.getInteger(at: index, as: UInt8.self) ?? 0
                text = String(hex4(UInt16(byte)).suffix(2)).lowercased()
            }
            parts.append(text)
            length += text.count + 1
            index += wordSize
        }
        return clip(parts.joined(separator: "\\") + (index + wordSize <= end ? "..." : ""))
    }

    private func clip(_ text: String) -> String {
        // A negative limit (the property is public) cuts everything rather than trapping in `prefix`.
        let limit = max(0, maxValueLength)
        return text.count > limit ? String(text.prefix(limit)) + "..." : text
    }

    private func line(
        _ depth: Int, _ tag: Tag, _ vr: String, _ value: String, length: String, vm: Int, name: String,
        into out: inout String
    ) {
        let indent = String(repeating: "  ", count: depth)
        var text = indent + tag.description.lowercased() + " " + vr + " " + value
        let column = 55 + indent.count  // dcmdump puts "#" in column 57
        if text.count < column { text += String(repeating: " ", count: column - text.count) }
        let lengthField = length.count < 3 ? String(repeating: " ", count: 3 - length.count) + length : length
        out += text + " # " + lengthField + ", " + String(vm) + " " + name + "\n"
    }
}
