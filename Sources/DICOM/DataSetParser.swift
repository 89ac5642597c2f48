import NIOCore

/// The element-by-element decoder behind `DICOMReader`. PS3.5 §7.1 (element encoding), §7.5 (sequences),
/// §A.4 (encapsulation), §6.2.2 (UN with undefined length is an implicit VR little endian sequence).
struct DataSetParser {
    let buffer: ByteBuffer
    var syntax: TransferSyntax
    let options: DICOMReader.Options
    /// Added to buffer indices in error offsets (0 when the buffer is the whole file).
    let baseOffset: Int
    /// When set, parsing stops at the first tag of another group (file meta information).
    var stopAtGroupChange: UInt16?
    /// Set when the top level ended at the reader's stop tag rather than at the end of the bytes.
    private(set) var stoppedAtTag = false
    /// Set while reading the content of a UN element as implicit VR little endian (PS3.5 §6.2.2): some devices
    /// keep explicit VR there, so each element is checked for an explicit header before it is read.
    private var readingUNContent = false

    /// Context that the dictionary needs to resolve "US or SS" and "OB or OW" in implicit VR.
    private var pixelRepresentation: Int = 0
    private var bitsAllocated: Int = 16

    init(buffer: ByteBuffer, syntax: TransferSyntax, options: DICOMReader.Options, baseOffset: Int) {
        self.buffer = buffer
        self.syntax = syntax
        self.options = options
        self.baseOffset = baseOffset
    }

    private var endianness: Endianness { syntax.isLittleEndian ? .little : .big }

    private func offset(_ index: Int) -> Int { baseOffset + index - buffer.readerIndex }

    mutating func parseMeta(from start: Int) throws -> (DataSet, Int) {
        var dataSet = DataSet()
        let end = try parseElements(
            into: &dataSet, from: start, end: buffer.writerIndex, undefinedLength: false,
            depth: 0, topLevel: true)
        return (dataSet, end)
    }

    mutating func parseTopLevel(from start: Int) throws -> DataSet {
        var dataSet = DataSet()
        _ = try parseElements(
            into: &dataSet, from: start, end: buffer.writerIndex, undefinedLength: false, depth: 0,
            topLevel: true)
        return dataSet
    }

    /// Parses elements from `start` until `end`, or (for an undefined-length item) until the Item Delimitation
    /// Item, which it consumes. Returns the index after the last byte used.
    private mutating func parseElements(
        into dataSet: inout DataSet, from start: Int, end: Int,
        undefinedLength: Bool, depth: Int, topLevel: Bool
    ) throws -> Int {
        var index = start
        while index < end {
            guard end - index >= 8 else {
                if topLevel && allZero(from: index, to: end) { return end }
                throw DICOMError(
                    .truncated, "\(end - index) bytes left, too few for an element header",
                    offset: offset(index))
            }
            let group = buffer.getInteger(at: index, endianness: endianness, as: UInt16.self) ?? 0
            let elementNumber = buffer.getInteger(at: index + 2, endianness: endianness, as: UInt16.self) ?? 0
            let tag = Tag(group, elementNumber)
            if let stopGroup = stopAtGroupChange, group != stopGroup { return index }
            if topLevel && stopAtGroupChange == nil {
                if let stopBefore = options.stopBefore, tag >= stopBefore {
                    stoppedAtTag = true
                    return index
                }
                if let stopAfter = options.stopAfter, tag > stopAfter {
                    stoppedAtTag = true
                    return index
                }
            }
            if tag == .itemDelimitationItem {
                guard undefinedLength else {
                    throw DICOMError(
                        .malformed, "item delimitation outside an undefined-length item",
                        offset: offset(index), tag: tag)
                }
                return index + 8
            }
            if tag == .sequenceDelimitationItem && topLevel {
                // A stray delimiter after the last element: dcmtk and pydicom stop here too.
                return end
            }
            if group == 0xFFFE {
                throw DICOMError(
                    .malformed, "delimitation tag where a data element was expected",
                    offset: offset(index), tag: tag)
            }
            let element: DataElement
            (element, index) = try parseElement(
                tag: tag, at: index, end: end, depth: depth,
                characterSet: dataSet.characterSet)
            if tag == .specificCharacterSet, let bytes = element.bytes {
                let value = String(decoding: bytes.readableBytesView, as: UTF8.self)
                dataSet.characterSet = SpecificCharacterSet(value: value.trimmingDICOMPadding())
            } else if tag == .pixelRepresentation, let value = element.integerValues().first {
                pixelRepresentation = value
            } else if tag == .bitsAllocated, let value = element.integerValues().first {
                bitsAllocated = value
            }
            dataSet.insert(element)
        }
        if undefinedLength {
            throw DICOMError(.truncated, "item ended without an item delimitation", offset: offset(index))
        }
        return index
    }

    private func allZero(from start: Int, to end: Int) -> Bool {
        buffer.getBytes(at: start, length: end - start)?.allSatisfy { $0 == 0 } ?? false
    }

    private mutating func parseElement(
        tag: Tag, at start: Int, end: Int, depth: Int,
        characterSet: SpecificCharacterSet
    ) throws -> (DataElement, Int) {
        var index = start + 4
        var vr: VR
        var length: UInt32
        var explicitHere = syntax.isExplicitVR
        if explicitHere {
            let b0 = buffer.getInteger(at: index, as: UInt8.self) ?? 0
            let b1 = buffer.getInteger(at: index + 1, as: UInt8.self) ?? 0
            if let parsed = VR(byte0: b0, byte1: b1) {
                vr = parsed
            } else {
                // Not a VR: this element was written in implicit VR (seen in damaged files); read it so.
                explicitHere = false
                vr = .UN
            }
        } else if readingUNContent, let parsed = explicitHeaderInUNContent(tag: tag, at: index, end: end) {
            // CP-246 makes UN content implicit VR, yet some devices (Hologic) keep explicit VR inside it; pydicom
            // reads those too. The header is taken as explicit only when the implicit reading cannot be right
            // or the dictionary gives the tag that VR.
            explicitHere = true
            vr = parsed
        } else {
            vr = .UN
        }
        // Sequences inside an explicit element met in implicit UN content are explicit too.
        let nestedSyntax: TransferSyntax = explicitHere && !syntax.isExplicitVR ? .explicitVRLittleEndian : syntax
        if explicitHere {
            if vr.hasLongExplicitHeader {
                guard end - index >= 8 else {
                    throw DICOMError(.truncated, "element header cut short", offset: offset(start), tag: tag)
                }
                length = buffer.getInteger(at: index + 4, endianness: endianness, as: UInt32.self) ?? 0
                index += 8
            } else {
                length = UInt32(buffer.getInteger(at: index + 2, endianness: endianness, as: UInt16.self) ?? 0)
                index += 4
            }
        } else {
            length = buffer.getInteger(at: index, endianness: endianness, as: UInt32.self) ?? 0
            index += 4
            vr = implicitVR(for: tag)
        }

        let undefined = length == 0xFFFF_FFFF
        if undefined {
            if tag == .pixelData || ((vr == .OB || vr == .OW) && explicitHere) {
                let (fragments, next) = try parseFragments(tag: tag, from: index, end: end)
                return (
                    DataElement(tag: tag, vr: vr == .OW && explicitHere ? .OW : .OB, value: .fragments(fragments)), next
                )
            }
            if vr == .SQ || vr == .UN || !explicitHere {
                // UN of undefined length is an implicit VR little endian sequence (PS3.5 §6.2.2).
                let implicitInside = vr == .UN && explicitHere
                let inner = implicitInside ? TransferSyntax.implicitVRLittleEndian : nestedSyntax
                let (items, next) = try withSyntax(
                    inner, unContent: implicitInside || (readingUNContent && !explicitHere)
                ) {
                    parser in
                    try parser.parseItems(
                        tag: tag, from: index, end: end, undefinedLength: true, depth: depth + 1,
                        characterSet: characterSet)
                }
                return (DataElement(tag: tag, vr: .SQ, value: .sequence(items)), next)
            }
            throw DICOMError(
                .invalidLength, "undefined length on a \(vr.rawValue) element", offset: offset(start),
                tag: tag)
        }

        guard Int(length) <= end - index else {
            throw DICOMError(
                .invalidLength,
                "value length \(length) exceeds the \(end - index) bytes that remain", offset: offset(start), tag: tag)
        }
        let valueEnd = index + Int(length)

        if vr == .UN && explicitHere && !tag.isPrivate, let entry = DataDictionary.entry(for: tag) {
            // UN of a tag the dictionary knows: re-read with the dictionary's VR (PS3.5 §6.2.2 note).
            let known = resolve(entry.vrs, tag: tag)
            if known == .SQ {
                if let items = try? withSyntax(
                    .implicitVRLittleEndian, unContent: true,
                    { parser in
                        try parser.parseItems(
                            tag: tag, from: index, end: valueEnd, undefinedLength: false,
                            depth: depth + 1, characterSet: characterSet)
                    })
                {
                    return (DataElement(tag: tag, vr: .SQ, value: .sequence(items.0)), valueEnd)
                }
            } else if known != .UN {
                vr = known
            }
        }

        if vr == .SQ {
            let (items, itemsEnd) = try withSyntax(nestedSyntax, unContent: readingUNContent && !explicitHere) {
                parser in
                try parser.parseItems(
                    tag: tag, from: index, end: valueEnd, limit: end,
                    undefinedLength: false, depth: depth + 1, characterSet: characterSet)
            }
            return (DataElement(tag: tag, vr: .SQ, value: .sequence(items)), max(valueEnd, itemsEnd))
        }
        guard var value = buffer.getSlice(at: index, length: Int(length)) else {
            throw DICOMError(.truncated, "value cut short", offset: offset(index), tag: tag)
        }
        if !syntax.isLittleEndian, let size = vr.binaryWordSize, size > 1 {
            value = Self.swapped(value, wordSize: size)
        }
        return (DataElement(tag: tag, vr: vr, value: .bytes(value)), valueEnd)
    }

    private mutating func withSyntax<T>(
        _ inner: TransferSyntax, unContent: Bool, _ body: (inout DataSetParser) throws -> T
    ) rethrows -> T {
        let saved = (syntax, readingUNContent)
        syntax = inner
        readingUNContent = unContent
        defer { (syntax, readingUNContent) = saved }
        return try body(&self)
    }

    /// The VR of an element of implicit UN content whose header is in fact explicit VR little endian, else nil.
    /// `index` is just after the tag. Explicit when the two bytes there are a VR, the explicit length fits, and
    /// either the implicit length (those bytes read as a 32-bit length) exceeds what remains or the dictionary
    /// gives the tag that VR. Deciding from the header alone, never by parsing twice, keeps the work linear.
    private func explicitHeaderInUNContent(tag: Tag, at index: Int, end: Int) -> VR? {
        guard end - index >= 4,
            let b0 = buffer.getInteger(at: index, as: UInt8.self),
            let b1 = buffer.getInteger(at: index + 1, as: UInt8.self),
            let vr = VR(byte0: b0, byte1: b1),
            let implicitLength = buffer.getInteger(at: index, endianness: .little, as: UInt32.self)
        else { return nil }
        let explicitLength: UInt32
        let valueStart: Int
        if vr.hasLongExplicitHeader {
            guard end - index >= 8,
                buffer.getInteger(at: index + 2, endianness: .little, as: UInt16.self) == 0,
                let length = buffer.getInteger(at: index + 4, endianness: .little, as: UInt32.self)
            else { return nil }
            explicitLength = length
            valueStart = index + 8
        } else {
            guard let length = buffer.getInteger(at: index + 2, endianness: .little, as: UInt16.self) else {
                return nil
            }
            explicitLength = UInt32(length)
            valueStart = index + 4
        }
        guard explicitLength == 0xFFFF_FFFF || Int(explicitLength) <= end - valueStart else { return nil }
        let implicitImpossible = Int(implicitLength) > end - (index + 4)
        let dictionaryAgrees =
            !tag.isPrivate && !tag.isGroupLength && DataDictionary.entry(for: tag)?.vrs.contains(vr) == true
        return implicitImpossible || dictionaryAgrees ? vr : nil
    }

    /// Items of a sequence. PS3.5 §7.5.
    /// `limit` is the end of the enclosing value: an item may overrun a defined-length sequence up to it
    /// (dcmtk and pydicom read such DICOMDIRs), and the sequence then ends after that item.
    private mutating func parseItems(
        tag: Tag, from start: Int, end declaredEnd: Int, limit: Int? = nil,
        undefinedLength: Bool, depth: Int, characterSet: SpecificCharacterSet
    ) throws -> ([DataSet], Int) {
        var end = declaredEnd
        guard depth <= options.maxSequenceDepth else {
            throw DICOMError(
                .nestingTooDeep, "sequences nest deeper than \(options.maxSequenceDepth) levels",
                offset: offset(start), tag: tag)
        }
        var items: [DataSet] = []
        var index = start
        while index < end {
            guard end - index >= 8 else {
                throw DICOMError(.truncated, "sequence item header cut short", offset: offset(index), tag: tag)
            }
            let itemTag = Tag(
                buffer.getInteger(at: index, endianness: endianness, as: UInt16.self) ?? 0,
                buffer.getInteger(at: index + 2, endianness: endianness, as: UInt16.self) ?? 0)
            let length = buffer.getInteger(at: index + 4, endianness: endianness, as: UInt32.self) ?? 0
            index += 8
            if itemTag == .sequenceDelimitationItem {
                guard undefinedLength else {
                    throw DICOMError(
                        .malformed, "sequence delimitation inside a defined-length sequence",
                        offset: offset(index - 8), tag: tag)
                }
                return (items, index)
            }
            guard itemTag == .item else {
                throw DICOMError(
                    .malformed, "expected an item (FFFE,E000) in the sequence, found \(itemTag)",
                    offset: offset(index - 8), tag: tag)
            }
            var item = DataSet(characterSet: characterSet)
            if length == 0xFFFF_FFFF {
                index = try parseElements(
                    into: &item, from: index, end: end, undefinedLength: true, depth: depth,
                    topLevel: false)
            } else {
                var itemLength = Int(length)
                if itemLength > end - index, let limit, !undefinedLength {
                    // The item overruns its defined-length sequence (seen in DICOMDIRs that dcmtk and pydicom
                    // read): let the sequence end after it, within the enclosing value; when even that is too
                    // short, keep the item only if the bytes that remain hold whole elements.
                    end = min(index + itemLength, limit)
                    itemLength = end - index
                }
                guard itemLength <= end - index else {
                    throw DICOMError(
                        .invalidLength, "item length \(length) exceeds the \(end - index) bytes that remain",
                        offset: offset(index - 8), tag: tag)
                }
                _ = try parseElements(
                    into: &item, from: index, end: index + itemLength, undefinedLength: false,
                    depth: depth, topLevel: false)
                index += itemLength
            }
            items.append(item)
        }
        if undefinedLength {
            throw DICOMError(
                .truncated, "sequence ended without a sequence delimitation", offset: offset(index),
                tag: tag)
        }
        return (items, index)
    }

    /// Basic Offset Table and fragments of encapsulated pixel data. PS3.5 §A.4.
    private func parseFragments(tag: Tag, from start: Int, end: Int) throws -> (EncapsulatedPixelData, Int) {
        var index = start
        var table: ByteBuffer?
        var fragments: [ByteBuffer] = []
        while true {
            guard end - index >= 8 else {
                throw DICOMError(
                    .truncated, "encapsulated pixel data ended without a sequence delimitation",
                    offset: offset(index), tag: tag)
            }
            let itemTag = Tag(
                buffer.getInteger(at: index, endianness: .little, as: UInt16.self) ?? 0,
                buffer.getInteger(at: index + 2, endianness: .little, as: UInt16.self) ?? 0)
            let length = buffer.getInteger(at: index + 4, endianness: .little, as: UInt32.self) ?? 0
            if itemTag == .sequenceDelimitationItem {
                return (EncapsulatedPixelData(basicOffsetTable: table ?? ByteBuffer(), fragments: fragments), index + 8)
            }
            guard itemTag == .item else {
                throw DICOMError(
                    .malformed, "expected a fragment item (FFFE,E000), found \(itemTag)",
                    offset: offset(index), tag: tag)
            }
            guard length != 0xFFFF_FFFF, Int(length) <= end - index - 8,
                let value = buffer.getSlice(at: index + 8, length: Int(length))
            else {
                throw DICOMError(
                    .invalidLength, "fragment length \(length) exceeds the \(end - index - 8) bytes that remain",
                    offset: offset(index), tag: tag)
            }
            if table == nil { table = value } else { fragments.append(value) }
            index += 8 + Int(length)
        }
    }

    /// The VR implicit encoding implies: from the dictionary, with the standard's fixed cases. PS3.5 §7.8, Annex A.
    private func implicitVR(for tag: Tag) -> VR {
        if tag.isGroupLength { return .UL }
        if tag.isPrivateCreator { return .LO }
        if tag.isPrivate { return .UN }
        guard let entry = DataDictionary.entry(for: tag) else { return .UN }
        return resolve(entry.vrs, tag: tag)
    }

    /// Picks one VR where the dictionary gives several, as pydicom does. PS3.5 §A.1 c.
    private func resolve(_ vrs: [VR], tag: Tag) -> VR {
        guard let first = vrs.first else { return .UN }
        if vrs.count == 1 { return first }
        if vrs.contains(.OW) && vrs.contains(.OB) {
            return syntax.isExplicitVR && bitsAllocated <= 8 && tag != .pixelData ? .OB : .OW
        }
        if vrs.contains(.US) && vrs.contains(.SS) {
            if vrs.contains(.OW) && tag.group == 0x0028 && tag.element >= 0x1201 { return .OW }
            return pixelRepresentation == 1 ? .SS : .US
        }
        return first
    }

    /// A copy of `value` with the bytes of every whole `wordSize`-byte word reversed (big endian to little endian);
    /// trailing bytes that do not fill a word are copied unchanged. PS3.5 §7.3.
    ///
    /// One allocation and one pass: each word is loaded as a fixed-width integer and stored byte-swapped into the
    /// output buffer, because copying the value into an array and reversing it word by word allocated per word and
    /// dominated the parse time of big-endian files.
    static func swapped(_ value: ByteBuffer, wordSize: Int) -> ByteBuffer {
        let count = value.readableBytes
        guard wordSize > 1, count >= wordSize else { return value }
        var result = ByteBufferAllocator().buffer(capacity: count)
        _ = value.withUnsafeReadableBytes { source in
            result.writeWithUnsafeMutableBytes(minimumWritableBytes: count) { target in
                let whole = count - count % wordSize
                switch wordSize {
                case 2: swapWords(of: UInt16.self, from: source, into: target, count: whole)
                case 4: swapWords(of: UInt32.self, from: source, into: target, count: whole)
                case 8: swapWords(of: UInt64.self, from: source, into: target, count: whole)
                default:
                    // No VR has such a word size today; reverse byte by byte so any size stays correct.
                    var start = 0
                    while start < whole {
                        for offset in 0..<wordSize {
                            target[start + offset] = source[start + wordSize - 1 - offset]
                        }
                        start += wordSize
                    }
                }
                for index in whole..<count { target[index] = source[index] }
                return count
            }
        }
        return result
    }

    /// Stores every `Word` of `source[0..<count]` byte-swapped at the same offset of `target`; `count` is a
    /// multiple of the word's size. Unaligned loads and stores: values sit at any offset of the file.
    private static func swapWords<Word: FixedWidthInteger>(
        of _: Word.Type, from source: UnsafeRawBufferPointer, into target: UnsafeMutableRawBufferPointer, count: Int
    ) {
        let size = MemoryLayout<Word>.size
        var offset = 0
        while offset < count {
            let word = source.loadUnaligned(fromByteOffset: offset, as: Word.self)
            target.storeBytes(of: word.byteSwapped, toByteOffset: offset, as: Word.self)
            offset += size
        }
    }
}
