import CompressNIO
import Foundation
import NIOCore

/// Reads DICOM Part 10 files (PS3.10 §7) and raw data sets in a given transfer syntax (PS3.5 §7).
///
/// Every declared length is checked against the bytes that remain before anything is sliced, sequence
/// nesting is bounded, inflation is capped; every failure is a `DICOMError` with byte offset and tag.
public struct DICOMReader: Sendable {
    /// Reading limits and where to stop.
    public struct Options: Sendable {
        /// Stop after this top-level tag: later elements are not read (e.g. `.seriesInstanceUID` to index).
        public var stopAfter: Tag?
        /// Stop before this top-level tag (e.g. `.pixelData` to skip pixel data).
        public var stopBefore: Tag?
        /// Deepest allowed sequence nesting (items within sequences). Deeper data is refused.
        public var maxSequenceDepth: Int
        /// Largest inflated size of a deflated data set, in bytes.
        public var maxInflatedSize: Int
        /// Accept bytes without preamble and "DICM" prefix that start like a data set (as pydicom's `force`).
        public var allowMissingPreamble: Bool

        /// Creates options: `DICOMReader.Options(stopBefore: .pixelData)`.
        public init(
            stopAfter: Tag? = nil, stopBefore: Tag? = nil, maxSequenceDepth: Int = 64,
            maxInflatedSize: Int = 1 << 30, allowMissingPreamble: Bool = true
        ) {
            self.stopAfter = stopAfter
            self.stopBefore = stopBefore
            self.maxSequenceDepth = maxSequenceDepth
            self.maxInflatedSize = maxInflatedSize
            self.allowMissingPreamble = allowMissingPreamble
        }
    }

    /// The options in force.
    public let options: Options

    /// Creates a reader: `DICOMReader()` or `DICOMReader(options: .init(stopBefore: .pixelData))`.
    public init(options: Options = Options()) {
        self.options = options
    }

    /// Reads a file from disk. PS3.10 §7. With `stopAfter`/`stopBefore`, only as much of the file is read
    /// from disk as the parse needs.
    public func read(contentsOf path: String) throws -> DICOMFile {
        var loader = try FileLoader(path: path)
        let chunk = 64 * 1024
        if options.stopAfter == nil && options.stopBefore == nil || loader.size <= chunk {
            try loader.fill(upTo: loader.size)
            return try read(loader.buffer)
        }
        var wanted = chunk
        while true {
            try loader.fill(upTo: wanted)
            if loader.isComplete { return try read(loader.buffer) }
            // A prefix that parses up to the stop tag is enough; anything else (cut element) needs more bytes.
            if let (file, stopped) = try? readFile(loader.buffer), stopped { return file }
            wanted *= 4
        }
    }

    /// Reads a Part 10 file held in memory (or a raw data set when `allowMissingPreamble`).
    public func read(_ buffer: ByteBuffer) throws -> DICOMFile {
        try readFile(buffer).file
    }

    /// The file, and whether parsing ended at the stop tag rather than at the end of the bytes.
    private func readFile(_ buffer: ByteBuffer) throws -> (file: DICOMFile, stopped: Bool) {
        let start = buffer.readerIndex
        var preamble: ByteBuffer?
        var metaStart: Int
        if let prefix = Self.prefixLength(buffer) {
            if prefix == 132 { preamble = buffer.getSlice(at: start, length: 128) }
            metaStart = prefix
        } else {
            guard options.allowMissingPreamble, let guess = Self.guessRawSyntax(buffer) else {
                throw DICOMError(
                    .notDICOM, "no DICM prefix at byte 128 and the bytes do not start a data set",
                    offset: 0)
            }
            if guess.startsWithMeta {
                metaStart = guess.skip
            } else {
                var parser = DataSetParser(buffer: buffer, syntax: guess.syntax, options: options, baseOffset: 0)
                let dataSet = try parser.parseTopLevel(from: start + guess.skip)
                return (DICOMFile(dataSet: dataSet, transferSyntax: guess.syntax), parser.stoppedAtTag)
            }
        }

        let (meta, metaEnd) = try parseMeta(buffer, from: start + metaStart)

        var syntax: TransferSyntax
        if let uid = meta.string(.transferSyntaxUID), !uid.isEmpty {
            syntax = TransferSyntax(uid: uid)
        } else {
            syntax = Self.detectSyntax(buffer, at: metaEnd) ?? .implicitVRLittleEndian
        }

        var body = buffer
        var bodyStart = metaEnd
        var baseOffset = 0
        if syntax.isDeflated {
            guard var compressed = buffer.getSlice(at: metaEnd, length: buffer.writerIndex - metaEnd) else {
                throw DICOMError(.truncated, "deflated data set missing", offset: metaEnd - start)
            }
            do {
                body = try compressed.decompress(with: .deflate(), maxSize: options.maxInflatedSize)
            } catch let error as CompressNIOError where error == .bufferOverflow {
                throw DICOMError(
                    .inflationLimit,
                    "deflated data set inflates beyond \(options.maxInflatedSize) bytes", offset: metaEnd - start)
            } catch {
                throw DICOMError(.deflate, "deflated data set is corrupt: \(error)", offset: metaEnd - start)
            }
            bodyStart = body.readerIndex
            baseOffset = 0
        } else if let detected = Self.detectSyntax(buffer, at: metaEnd), detected.isExplicitVR != syntax.isExplicitVR,
            syntax.isLittleEndian
        {
            // The meta information names one encoding while the data set uses the other; read what is there,
            // as pydicom and dcmtk do, keeping the declared UID.
            syntax = TransferSyntax(
                uid: syntax.uid, isExplicitVR: detected.isExplicitVR, isLittleEndian: true,
                isDeflated: false, isEncapsulated: syntax.isEncapsulated)
        }
        var parser = DataSetParser(buffer: body, syntax: syntax, options: options, baseOffset: baseOffset)
        let dataSet = try parser.parseTopLevel(from: bodyStart)
        let file = DICOMFile(
            preamble: preamble, fileMetaInformation: meta, dataSet: dataSet,
            transferSyntax: TransferSyntax(uid: syntax.uid).isKnown ? TransferSyntax(uid: syntax.uid) : syntax)
        return (file, parser.stoppedAtTag)
    }

    /// Reads only the preamble, "DICM" prefix and File Meta Information group (0002) at the start of
    /// `buffer`, which may hold just the head of a file, and returns the byte offset (from the
    /// buffer's reader index) where the data set begins, so a caller can stream the data set
    /// itself (e.g. a C-STORE). PS3.10 §7.1.
    public func readFileMetaInformation(_ buffer: ByteBuffer) throws -> (
        fileMetaInformation: DataSet, dataSetOffset: Int
    ) {
        guard let prefix = Self.prefixLength(buffer) else {
            throw DICOMError(.notDICOM, "no DICM prefix at byte 128 (PS3.10 §7.1)", offset: 0)
        }
        let (meta, end) = try parseMeta(buffer, from: buffer.readerIndex + prefix)
        return (meta, end - buffer.readerIndex)
    }

    /// Bytes before the meta group: 132 after a preamble and "DICM", 4 for a bare "DICM", nil without one.
    private static func prefixLength(_ buffer: ByteBuffer) -> Int? {
        let dicm: [UInt8] = [0x44, 0x49, 0x43, 0x4D]
        if buffer.getBytes(at: buffer.readerIndex + 128, length: 4) == dicm { return 132 }
        if buffer.getBytes(at: buffer.readerIndex, length: 4) == dicm { return 4 }
        return nil
    }

    /// The group 0002 elements from `start` (always explicit VR little endian) and the index after them.
    private func parseMeta(_ buffer: ByteBuffer, from start: Int) throws -> (DataSet, Int) {
        var parser = DataSetParser(buffer: buffer, syntax: .explicitVRLittleEndian, options: options, baseOffset: 0)
        parser.stopAtGroupChange = 0x0002
        return try parser.parseMeta(from: start)
    }

    /// Reads a raw data set (no preamble, no meta) in the given transfer syntax, e.g. a DIMSE data set.
    public func readDataSet(_ buffer: ByteBuffer, transferSyntax: TransferSyntax) throws -> DataSet {
        var body = buffer
        if transferSyntax.isDeflated {
            do {
                body = try body.decompress(with: .deflate(), maxSize: options.maxInflatedSize)
            } catch let error as CompressNIOError where error == .bufferOverflow {
                throw DICOMError(.inflationLimit, "deflated data set inflates beyond \(options.maxInflatedSize) bytes")
            } catch {
                throw DICOMError(.deflate, "deflated data set is corrupt: \(error)")
            }
        }
        var parser = DataSetParser(buffer: body, syntax: transferSyntax, options: options, baseOffset: 0)
        return try parser.parseTopLevel(from: body.readerIndex)
    }

    /// Reads a DIMSE command set: implicit VR little endian, group 0000. PS3.7 §6.3.1, §E.
    public func readCommandSet(_ buffer: ByteBuffer) throws -> DataSet {
        try readDataSet(buffer, transferSyntax: .implicitVRLittleEndian)
    }

    static func load(path: String) throws -> ByteBuffer {
        var loader = try FileLoader(path: path)
        try loader.fill(upTo: loader.size)
        return loader.buffer
    }

    /// Encoding of a data set starting at `offset`, judged from its first element header: the VR bytes
    /// say explicit or implicit, a byte-swapped small group says big endian.
    static func detectSyntax(_ buffer: ByteBuffer, at offset: Int) -> TransferSyntax? {
        guard let b = buffer.getBytes(at: offset, length: 6) else { return nil }
        let explicit = VR(byte0: b[4], byte1: b[5]) != nil
        let groupLE = UInt16(b[0]) | UInt16(b[1]) << 8
        let groupBE = UInt16(b[1]) | UInt16(b[0]) << 8
        if groupLE > 0x00FF && groupBE <= 0x00FF && explicit { return .explicitVRBigEndian }
        return explicit ? .explicitVRLittleEndian : .implicitVRLittleEndian
    }

    /// Whether bytes without a DICM prefix plausibly start a data set (first tag in a low group, sensible
    /// length), possibly after a few stray leading bytes (`skip`).
    static func guessRawSyntax(_ buffer: ByteBuffer) -> (syntax: TransferSyntax, startsWithMeta: Bool, skip: Int)? {
        for skip in 0..<8 {
            if let guess = guessRawSyntax(buffer, at: buffer.readerIndex + skip) {
                // A shifted start must at least show an explicit VR, or it is too weak a signal.
                if skip == 0 || guess.syntax.isExplicitVR { return (guess.syntax, guess.startsWithMeta, skip) }
            }
        }
        return nil
    }

    private static func guessRawSyntax(_ buffer: ByteBuffer, at start: Int) -> (
        syntax: TransferSyntax, startsWithMeta: Bool
    )? {
        guard let syntax = detectSyntax(buffer, at: start),
            let group = buffer.getInteger(
                at: start, endianness: syntax.isLittleEndian ? .little : .big, as: UInt16.self),
            let element = buffer.getInteger(
                at: start + 2, endianness: syntax.isLittleEndian ? .little : .big,
                as: UInt16.self)
        else { return nil }
        guard group >= 0x0002, group <= 0x0010, group % 2 == 0, element < 0x1000 else { return nil }
        if !syntax.isExplicitVR {
            guard let length = buffer.getInteger(at: start + 4, endianness: .little, as: UInt32.self),
                length == 0xFFFF_FFFF || Int(length) <= buffer.writerIndex - start - 8
            else { return nil }
        }
        return (syntax, group == 0x0002)
    }
}
