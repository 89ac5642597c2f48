import NIOCore
import Testing

@testable import DICOM

@Suite("Encapsulated frames")
struct EncapsulatedFrameTests {
    @Test("every encapsulated corpus image splits into Number of Frames frames")
    func corpusFrames() throws {
        let corpus = try Corpus.load()
        var checked = 0
        for entry in corpus.entries(in: ["valid", "edge"]) {
            let dataSet = try DICOMReader().read(contentsOf: corpus.url(entry).path).dataSet
            guard let data = dataSet.fragments(.pixelData) else { continue }
            let frames = try #require(try dataSet.encapsulatedFrames(), "\(entry.path)")
            #expect(frames.count == max(dataSet.int(.numberOfFrames) ?? 1, 1), "\(entry.path)")
            #expect(frames.reduce(0) { $0 + $1.readableBytes } <= data.fragments.reduce(0) { $0 + $1.readableBytes })
            checked += 1
        }
        #expect(checked > 40)
    }

    @Test("Basic Offset Table, start markers and Extended Offset Table locate frames")
    func frameLocation() throws {
        let a = ByteBuffer(bytes: [0xFF, 0xD8, 1, 2])
        let b = ByteBuffer(bytes: [3, 4])
        let c = ByteBuffer(bytes: [0xFF, 0xD8, 5, 6])
        var table = ByteBuffer()
        table.writeInteger(UInt32(0), endianness: .little)
        table.writeInteger(UInt32(22), endianness: .little)  // (8 + 4) + (8 + 2)
        let withTable = EncapsulatedPixelData(basicOffsetTable: table, fragments: [a, b, c])
        #expect(
            try withTable.frames(numberOfFrames: 2).map { Array($0.readableBytesView) } == [
                [0xFF, 0xD8, 1, 2, 3, 4], [0xFF, 0xD8, 5, 6],
            ])
        let withoutTable = EncapsulatedPixelData(fragments: [a, b, c])
        #expect(try withoutTable.frames(numberOfFrames: 2).count == 2)
        #expect(throws: DICOMError.self) { try withoutTable.frames(numberOfFrames: 4) }
        let extended = try withoutTable.frames(numberOfFrames: 2, extendedOffsets: [0, 22], extendedLengths: [6, 4])
        #expect(extended.map(\.readableBytes) == [6, 4])
        #expect(throws: DICOMError.self) {
            try withoutTable.frames(numberOfFrames: 2, extendedOffsets: [0, 5], extendedLengths: [6, 4])
        }
    }
}
