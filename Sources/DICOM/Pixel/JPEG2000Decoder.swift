import COpenJPEG

/// Decodes JPEG 2000 (PS3.5 §A.4.4) and High-Throughput JPEG 2000 (PS3.5 §A.4.11) frames, raw codestreams or
/// JP2 files, with OpenJPEG 2.5. The header is read first and checked against the dimensions the data set
/// declares before OpenJPEG allocates the image; the codestream is read from memory through bounded callbacks.
public struct JPEG2000Decoder: Sendable {
    /// The decoded image: samples of all components interleaved, row-major.
    public struct Image: Sendable {
        public var width: Int
        public var height: Int
        public var components: Int
        public var precision: Int
        public var isSigned: Bool
        public var samples: [Int32]
    }

    /// Creates a decoder.
    public init() {}

    private struct Source {
        var base: UnsafeRawPointer
        var count: Int
        var offset: Int
    }

    /// Decodes one image whose size must be `expectedWidth` × `expectedHeight` with at most 4 components.
    public func decode(_ data: [UInt8], expectedWidth: Int, expectedHeight: Int) throws -> Image {
        func fail(_ message: String) -> DICOMError {
            DICOMError(.invalidPixelData, "JPEG 2000: \(message)", tag: .pixelData)
        }
        guard data.count >= 12 else { throw fail("\(data.count) bytes") }
        let isJP2 =
            data[0] == 0 && data[1] == 0 && data[2] == 0 && data[3] == 0x0C && data[4] == 0x6A && data[5] == 0x50
        // A JP2 file's boxes are walked here, in Swift, and only its Contiguous Codestream box goes to OpenJPEG
        // (OpenJPEG 2.5.0's JP2 reader crashed on a corpus file with a large header box).
        let codestream = isJP2 ? try Self.contiguousCodestream(of: data) : data
        guard codestream.count >= 2, codestream[0] == 0xFF, codestream[1] == 0x4F else {
            throw fail("no SOC marker or JP2 signature")
        }
        return try codestream.withUnsafeBytes { bytes -> Image in
            guard let base = bytes.baseAddress else { throw fail("empty") }
            let state = UnsafeMutablePointer<Source>.allocate(capacity: 1)
            state.initialize(to: Source(base: base, count: bytes.count, offset: 0))
            defer { state.deinitialize(count: 1); state.deallocate() }

            guard let stream = opj_stream_create(1 << 16, 1) else { throw fail("no stream") }
            defer { opj_stream_destroy(stream) }
            opj_stream_set_user_data(stream, state, nil)
            opj_stream_set_user_data_length(stream, UInt64(bytes.count))
            opj_stream_set_read_function(stream) { buffer, wanted, user in
                guard let buffer, let source = user?.assumingMemoryBound(to: Source.self) else { return OPJ_SIZE_T.max }
                let left = source.pointee.count - source.pointee.offset
                if left <= 0 { return OPJ_SIZE_T.max }
                let count = min(Int(wanted), left)
                buffer.copyMemory(from: source.pointee.base + source.pointee.offset, byteCount: count)
                source.pointee.offset += count
                return OPJ_SIZE_T(count)
            }
            opj_stream_set_skip_function(stream) { distance, user in
                guard let source = user?.assumingMemoryBound(to: Source.self) else { return -1 }
                let target = source.pointee.offset + Int(distance)
                guard target >= 0 else { return -1 }
                let clamped = min(target, source.pointee.count)
                let skipped = clamped - source.pointee.offset
                source.pointee.offset = clamped
                return OPJ_OFF_T(skipped)
            }
            opj_stream_set_seek_function(stream) { position, user in
                guard let source = user?.assumingMemoryBound(to: Source.self), position >= 0,
                    Int(position) <= source.pointee.count
                else { return 0 }
                source.pointee.offset = Int(position)
                return 1
            }

            guard let codec = opj_create_decompress(OPJ_CODEC_J2K) else { throw fail("no codec") }
            defer { opj_destroy_codec(codec) }
            // OpenJPEG reports through callbacks; its messages are not needed beyond the failed call.
            opj_set_info_handler(codec, { _, _ in }, nil)
            opj_set_warning_handler(codec, { _, _ in }, nil)
            opj_set_error_handler(codec, { _, _ in }, nil)
            var parameters = opj_dparameters_t()
            opj_set_default_decoder_parameters(&parameters)
            guard opj_setup_decoder(codec, &parameters) != 0 else { throw fail("decoder setup") }

            var imagePointer: UnsafeMutablePointer<opj_image_t>?
            guard opj_read_header(stream, codec, &imagePointer) != 0, let image = imagePointer else {
                throw fail("unreadable header")
            }
            defer { opj_image_destroy(image) }
            let width = Int(image.pointee.x1) - Int(image.pointee.x0)
            let height = Int(image.pointee.y1) - Int(image.pointee.y0)
            let components = Int(image.pointee.numcomps)
            guard width == expectedWidth, height == expectedHeight else {
                throw fail("codestream is \(width) × \(height), the data set says \(expectedWidth) × \(expectedHeight)")
            }
            guard (1...4).contains(components), let comps = image.pointee.comps else {
                throw fail("\(components) components")
            }
            for index in 0..<components {
                let component = comps[index]
                guard component.dx == 1, component.dy == 1, (1...32).contains(component.prec) else {
                    throw fail("component \(index) subsampled or of \(component.prec) bits")
                }
            }
            guard opj_decode(codec, stream, image) != 0, opj_end_decompress(codec, stream) != 0 else {
                throw fail("corrupt or truncated codestream")
            }
            // Decoding replaces the image's component array (and a palette box can change the count): read both
            // again rather than keep the pointer taken from the header.
            let decodedComponents = Int(image.pointee.numcomps)
            guard decodedComponents == components, let comps = image.pointee.comps else {
                throw fail("the decoded image has \(decodedComponents) components, the header \(components)")
            }
            let pixels = width * height
            var samples = [Int32](repeating: 0, count: pixels * components)
            for index in 0..<components {
                let component = comps[index]
                guard Int(component.w) == width, Int(component.h) == height, let plane = component.data else {
                    throw fail("component \(index) has no data")
                }
                for pixel in 0..<pixels { samples[pixel * components + index] = plane[pixel] }
            }
            return Image(
                width: width, height: height, components: components, precision: Int(comps[0].prec),
                isSigned: comps[0].sgnd != 0, samples: samples)
        }
    }

    /// The contents of the first 'jp2c' box of a JP2 file (ISO/IEC 15444-1 Annex I.4), every box length checked.
    static func contiguousCodestream(of data: [UInt8]) throws -> [UInt8] {
        var position = 0
        func read(_ at: Int, _ count: Int) -> UInt64 {
            (0..<count).reduce(UInt64(0)) { $0 << 8 | UInt64(data[at + $1]) }
        }
        while position + 8 <= data.count {
            var length = read(position, 4)
            let type = read(position + 4, 4)
            var header = 8
            if length == 1 {
                guard position + 16 <= data.count else { break }
                length = read(position + 8, 8)
                header = 16
            } else if length == 0 {
                length = UInt64(data.count - position)
            }
            guard length >= UInt64(header), length <= UInt64(data.count - position) else {
                throw DICOMError(
                    .invalidPixelData, "JPEG 2000: JP2 box at byte \(position) overruns the data", tag: .pixelData)
            }
            if type == 0x6A70_3263 {  // 'jp2c'
                return Array(data[(position + header)..<(position + Int(length))])
            }
            position += Int(length)
        }
        throw DICOMError(.invalidPixelData, "JPEG 2000: JP2 file without a codestream box", tag: .pixelData)
    }
}
