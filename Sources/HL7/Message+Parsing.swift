extension Message {
    /// Options for reading a message.
    public struct ParseOptions: Sendable, Hashable {
        /// Largest accepted input in bytes.
        public var maximumSize: Int
        /// Check every escape sequence while parsing (`.badEscape` instead of literal text).
        public var strictEscapes: Bool

        public init(maximumSize: Int = 16 * 1024 * 1024, strictEscapes: Bool = false) {
            self.maximumSize = maximumSize
            self.strictEscapes = strictEscapes
        }
    }

    /// Parses ER7 text from bytes, accepting CR, LF or CRLF between segments and a UTF-8 byte order mark.
    public init(parsing bytes: [UInt8], options: ParseOptions = .init()) throws(HL7Error) {
        let slices = try Message.splitSegments(ArraySlice(bytes), options: options)
        try self.init(parsedSlices: slices, options: options)
    }

    /// Parses ER7 text from a string.
    public init(parsing text: String, options: ParseOptions = .init()) throws(HL7Error) {
        try self.init(parsing: Array(text.utf8), options: options)
    }

    /// Parses bytes already split into segment slices (used by batches and MLLP).
    init(parsedSlices slices: [(ArraySlice<UInt8>, [Int])], options: ParseOptions) throws(HL7Error) {
        guard let (first, _) = slices.first else { throw HL7Error(.emptyMessage, "the message holds no segment") }
        guard first.starts(with: Segment.mshBytes) else {
            let id = String(decoding: first.prefix(3), as: UTF8.self)
            let hint = ["FHS", "BHS"].contains(id) ? " (it is a batch or file; read it as a Batch)" : ""
            throw HL7Error(
                .missingMSH, "the message starts with '\(id)', not MSH\(hint)", location: ErrorLocation(segmentID: id))
        }
        let enc = try EncodingCharacters.read(msh: first)
        // Separators were found with the first byte after MSH, which is the field separator by definition.
        let mshSeparators = slices[0].1
        let tentative = Segment(bytes: first, separators: mshSeparators, encoding: enc, characterSet: .unspecified)
        let charset = HL7CharacterSet(msh18: tentative.field(18).repetition(1).value)
        var segments: [Segment] = []
        segments.reserveCapacity(slices.count)
        var sequence: [String: Int] = [:]
        for (index, (slice, seps)) in slices.enumerated() {
            if index > 0 {
                try Segment.checkID(slice, field: enc.field)
                if slice.starts(with: Segment.mshBytes) {
                    throw HL7Error(
                        .multipleMessages, "a second MSH starts segment \(index + 1): one message was expected",
                        location: ErrorLocation(segmentID: "MSH", segmentSequence: 2))
                }
                let p = slice.startIndex
                if slice[p + 1] == UInt8(ascii: "H") || slice[p + 1] == UInt8(ascii: "T"),
                    slice[p + 2] == UInt8(ascii: "S"), slice[p] == UInt8(ascii: "B") || slice[p] == UInt8(ascii: "F")
                {
                    let id = String(decoding: slice.prefix(3), as: UTF8.self)
                    throw HL7Error(
                        .batchStructure, "batch segment \(id) inside a message (read it as a Batch)",
                        location: ErrorLocation(segmentID: id))
                }
            }
            let segment = Segment(bytes: slice, separators: seps, encoding: enc, characterSet: charset)
            if options.strictEscapes {
                let id = segment.id
                sequence[id, default: 0] += 1
                do {
                    try Escaping.validate(
                        index == 0 ? slice.dropFirst(min(slice.count, 4 + enc.msh2.utf8.count)) : slice, encoding: enc)
                } catch {
                    throw HL7Error(
                        error.code, error.message,
                        location: ErrorLocation(segmentID: id, segmentSequence: sequence[id] ?? 1))
                }
            }
            segments.append(segment)
        }
        self.init(validated: segments, encoding: enc, characterSet: charset)
    }

    /// Splits raw input into segment slices and notes field separator offsets, in one pass.
    /// The field separator is the fourth byte of the first segment.
    static func splitSegments(_ input: ArraySlice<UInt8>, options: ParseOptions) throws(HL7Error) -> [(
        ArraySlice<UInt8>, [Int]
    )] {
        guard input.count <= options.maximumSize else {
            throw HL7Error(
                .oversized, "message of \(input.count) bytes exceeds the limit of \(options.maximumSize) bytes")
        }
        var start = input.startIndex
        if input.starts(with: [0xEF, 0xBB, 0xBF]) { start += 3 }
        while start < input.endIndex,
            input[start] == 0x0D || input[start] == 0x0A || input[start] == 0x20 || input[start] == 0x09
        {
            start += 1
        }
        guard start < input.endIndex else { throw HL7Error(.emptyMessage, "the message holds no segment") }
        guard input.endIndex - start >= 4 else {
            throw HL7Error(.truncatedSegment, "input of \(input.endIndex - start) bytes is too short for a segment")
        }
        let fs = input[start + 3]
        var result: [(ArraySlice<UInt8>, [Int])] = []
        var segStart = start
        var seps: [Int] = []
        seps.reserveCapacity(32)
        input.withUnsafeBufferPointer { buf in
            let base = input.startIndex
            var i = start
            let end = input.endIndex
            while i < end {
                let b = buf[i - base]
                if b == 0x0D || b == 0x0A {
                    if i > segStart { result.append((input[segStart..<i], seps)) }
                    seps.removeAll(keepingCapacity: true)
                    segStart = i + 1
                } else if b == fs {
                    seps.append(i)
                }
                i += 1
            }
            if segStart < end {
                // Trailing whitespace or NULs after the last terminator are padding, not a segment.
                let tail = input[segStart..<end]
                if tail.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x00 }) {
                    result.append((tail, seps))
                }
            }
        }
        return result
    }
}
