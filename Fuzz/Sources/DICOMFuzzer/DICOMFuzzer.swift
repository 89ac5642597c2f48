import DICOM
import NIOCore

/// libFuzzer entry point: every input goes through each way the DICOM module takes untrusted bytes.
/// Any outcome is acceptable except a crash, a sanitizer report, a hang or unbounded memory; typed errors are the
/// expected answer to most mutated inputs, so they are ignored.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDICOM(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let buffer = ByteBuffer(bytes: UnsafeBufferPointer(start: data, count: size))
    DICOMFuzzer.run(buffer)
    return 0
}

/// The paths exercised for one input.
enum DICOMFuzzer {
    /// Raw data set encodings tried on every input (Part 10 files carry their own in the meta header).
    static let rawSyntaxes: [TransferSyntax] = [
        .implicitVRLittleEndian, .explicitVRLittleEndian, .explicitVRBigEndian, .deflatedExplicitVRLittleEndian,
    ]

    static func run(_ buffer: ByteBuffer) {
        // Part 10 (or a bare data set, which the reader tolerates), whole file.
        if let file = try? DICOMReader().read(buffer) {
            exercise(file)
        }
        // Indexing path: stop before the pixel data.
        _ = try? DICOMReader(options: .init(stopBefore: .pixelData)).read(buffer)
        // Raw data sets as they arrive in P-DATA, one per transfer syntax.
        for syntax in rawSyntaxes {
            if let dataSet = try? DICOMReader().readDataSet(buffer, transferSyntax: syntax) {
                _ = DICOMDumper().dump(dataSet)
                _ = DoseSummary(dataSet: dataSet)
            }
        }
        // DIMSE command sets.
        _ = try? DICOMReader().readCommandSet(buffer)
    }

    /// Everything done with a file once read: text output, the writer's round trip, pixel frames, SR and dose.
    static func exercise(_ file: DICOMFile) {
        _ = DICOMDumper().dump(file)
        _ = DICOMJSONEncoder().encode(file.dataSet)
        if let written = try? DICOMWriter().write(file) {
            _ = try? DICOMReader().read(written)
        }
        if let pixels = try? file.pixelData() {
            // First and last frame bound the work per input while still reaching offset-table arithmetic.
            let frames = Set([0, max(0, pixels.numberOfFrames - 1)])
            for index in frames.sorted() {
                guard let frame = try? pixels.frame(index) else { continue }
                if let renderer = try? FrameRenderer(dataSet: file.dataSet),
                    let image = try? renderer.render(frame)
                {
                    _ = try? PNGEncoder().encode(image)
                }
            }
        }
        if let report = try? StructuredReport(dataSet: file.dataSet) {
            report.root.walk { _, _ in true }
        }
        _ = DoseSummary(file: file)
    }
}
