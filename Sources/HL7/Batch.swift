/// An HL7 batch file (HL7 v2.5.1 §2.10.3): optional FHS … FTS around batches, each an optional
/// BHS … BTS around messages. Envelope segments may be missing at either end, as senders often omit them.
public struct Batch: Sendable, Hashable {
    /// One batch inside a file.
    public struct Group: Sendable, Hashable {
        /// BHS, when sent.
        public var header: Segment?
        public var messages: [Message]
        /// BTS, when sent.
        public var trailer: Segment?
    }

    /// FHS, when sent.
    public var fileHeader: Segment?
    public var groups: [Group]
    /// FTS, when sent.
    public var fileTrailer: Segment?

    /// Every message of every batch, in order.
    public var messages: [Message] { groups.flatMap(\.messages) }

    /// Reads a batch file, a batch, or several messages one after another.
    /// - Throws: `.batchStructure` for nested or misplaced FHS/BHS/BTS/FTS, `.missingMSH` for segments
    ///   outside any message, and whatever a message inside throws.
    public init(parsing bytes: [UInt8], options: Message.ParseOptions = .init()) throws(HL7Error) {
        let slices = try Message.splitSegments(ArraySlice(bytes), options: options)
        guard let first = slices.first else { throw HL7Error(.emptyMessage, "the batch holds no segment") }
        guard first.0.count >= 4 else { throw HL7Error(.truncatedSegment, "the first segment is too short") }
        let fs = first.0[first.0.startIndex + 3]
        var fileHeader: Segment?
        var fileTrailer: Segment?
        var groups: [Group] = []
        var current: Group?
        var pending: [(ArraySlice<UInt8>, [Int])] = []
        var fileClosed = false

        func idOf(_ s: ArraySlice<UInt8>) -> String { String(decoding: s.prefix(3), as: UTF8.self) }
        func envelope(_ s: (ArraySlice<UInt8>, [Int])) throws(HL7Error) -> Segment {
            try Segment.checkID(s.0, field: fs)
            let enc: EncodingCharacters
            if idOf(s.0) == "FHS" || idOf(s.0) == "BHS" {
                enc = try EncodingCharacters.read(msh: s.0)
            } else {
                enc = EncodingCharacters(
                    field: fs, component: EncodingCharacters.standard.component,
                    repetition: EncodingCharacters.standard.repetition, escape: EncodingCharacters.standard.escape,
                    subcomponent: EncodingCharacters.standard.subcomponent)
            }
            return Segment(bytes: s.0, separators: s.1, encoding: enc, characterSet: .unspecified)
        }
        func flushMessage() throws(HL7Error) {
            guard !pending.isEmpty else { return }
            let message = try Message(parsedSlices: pending, options: options)
            pending.removeAll()
            if current == nil { current = Group(header: nil, messages: [], trailer: nil) }
            current?.messages.append(message)
        }
        func fail(_ why: String, _ id: String, _ index: Int) -> HL7Error {
            HL7Error(.batchStructure, "\(why) (segment \(index + 1))", location: ErrorLocation(segmentID: id))
        }

        for (index, slice) in slices.enumerated() {
            let id = idOf(slice.0)
            if fileClosed { throw fail("segment \(id) after FTS", id, index) }
            switch id {
            case "FHS":
                guard index == 0 else { throw fail("FHS is only allowed as the first segment", id, index) }
                fileHeader = try envelope(slice)
            case "BHS":
                try flushMessage()
                if let open = current {
                    guard open.header == nil, open.messages.isEmpty else {
                        throw fail("BHS inside a batch that has no BTS", id, index)
                    }
                }
                current = Group(header: try envelope(slice), messages: [], trailer: nil)
            case "BTS":
                try flushMessage()
                var g = current ?? Group(header: nil, messages: [], trailer: nil)
                g.trailer = try envelope(slice)
                groups.append(g)
                current = nil
            case "FTS":
                try flushMessage()
                if let g = current { groups.append(g) }
                current = nil
                fileTrailer = try envelope(slice)
                fileClosed = true
            case "MSH":
                try flushMessage()
                pending.append(slice)
            default:
                guard !pending.isEmpty else {
                    throw HL7Error(
                        .missingMSH, "segment \(id) (segment \(index + 1)) is not inside a message: no MSH before it",
                        location: ErrorLocation(segmentID: id))
                }
                pending.append(slice)
            }
        }
        try flushMessage()
        if let g = current { groups.append(g) }
        self.fileHeader = fileHeader
        self.groups = groups
        self.fileTrailer = fileTrailer
        guard !messages.isEmpty || fileHeader != nil || groups.contains(where: { $0.header != nil }) else {
            throw HL7Error(.missingMSH, "no message in the input")
        }
    }
}
