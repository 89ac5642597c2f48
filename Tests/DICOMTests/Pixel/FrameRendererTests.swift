import NIOCore
import Testing

@testable import DICOM

/// Modality LUT, VOI selection, MONOCHROME1 and functional groups on small hand-made images.
@Suite struct FrameRendererTests {
    static func frame(_ values: [UInt16], photometric: PhotometricInterpretation = .monochrome2) throws -> PixelFrame {
        try PixelFrame(
            rows: 1, columns: values.count, samplesPerPixel: 1, bytesPerSample: 2, bitsStored: 16, isSigned: false,
            photometricInterpretation: photometric, bytes: values.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
    }

    @Test func rescaleThenWindowThenInvert() throws {
        var dataSet = DataSet()
        try dataSet.set(.rescaleSlope, vr: .DS, string: "2")
        try dataSet.set(.rescaleIntercept, vr: .DS, string: "-100")
        try dataSet.set(.windowCenter, vr: .DS, string: "100")
        try dataSet.set(.windowWidth, vr: .DS, string: "200")
        try dataSet.set(.voiLUTFunction, vr: .CS, string: "LINEAR_EXACT")
        let renderer = try FrameRenderer(dataSet: dataSet)
        // Stored 50, 100, 150 → modality 0, 100, 200 → 0, 127.5, 255.
        let grey = try renderer.render(try Self.frame([50, 100, 150]))
        #expect(grey.pixels == [0, 128, 255])
        let inverted = try renderer.render(try Self.frame([50, 100, 150], photometric: .monochrome1))
        #expect(inverted.pixels == [255, 127, 0])
        let chosen = try renderer.render(
            try Self.frame([50, 100, 150]), voi: .window(VOIWindow(center: 0, width: 1, function: .linearExact)))
        #expect(chosen.pixels == [128, 255, 255])  // 0 is inside centre ± width/2: half way
    }

    @Test func functionalGroupsOverrideTopLevelAttributes() throws {
        var dataSet = DataSet()
        var transformation = DataSet()
        try transformation.set(.rescaleSlope, vr: .DS, string: "10")
        try transformation.set(.rescaleIntercept, vr: .DS, string: "0")
        var shared = DataSet()
        shared.set(Tag(0x0028, 0x9145), sequence: [transformation])
        var window = DataSet()
        try window.set(.windowCenter, vr: .DS, string: "20")
        try window.set(.windowWidth, vr: .DS, string: "21")
        var frameTwo = DataSet()
        frameTwo.set(Tag(0x0028, 0x9132), sequence: [window])
        dataSet.set(Tag(0x5200, 0x9229), sequence: [shared])
        dataSet.set(Tag(0x5200, 0x9230), sequence: [DataSet(), frameTwo])
        let first = try FrameRenderer(dataSet: dataSet, frameIndex: 0)
        #expect(first.rescaleSlope == 10 && first.windows.isEmpty)
        let second = try FrameRenderer(dataSet: dataSet, frameIndex: 1)
        #expect(second.rescaleSlope == 10 && second.windows.map(\.center) == [20])
        // Stored 1, 2, 3 → 10, 20, 30 through LINEAR, centre 20, width 21 (PS3.3 §C.11.2.1.2.1).
        #expect(try second.render(try Self.frame([1, 2, 3])).pixels == [6, 134, 255])
    }

    @Test func voiLUTSequenceIsUsedBeforeWindows() throws {
        var dataSet = DataSet()
        var item = DataSet()
        try item.set(.lutDescriptor, vr: .US, ints: [4, 0, 8])
        var table = ByteBuffer()
        for value: UInt16 in [0, 255, 0, 255] { table.writeInteger(value, endianness: .little) }
        item.set(.lutData, vr: .OW, bytes: table)
        dataSet.set(.voiLUTSequence, sequence: [item])
        try dataSet.set(.windowCenter, vr: .DS, string: "1")
        try dataSet.set(.windowWidth, vr: .DS, string: "1")
        let rendered = try FrameRenderer(dataSet: dataSet).render(try Self.frame([0, 1, 2, 3, 9]))
        #expect(rendered.pixels == [0, 255, 0, 255, 255])
    }
}
