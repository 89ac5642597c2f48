import Foundation
import NIOCore
import Testing

@testable import DICOM

/// Every compressed frame of the corpus, cut short and with bytes damaged, must decode to an image or fail with a
/// `DICOMError` quickly — never crash, hang or allocate without bound (the C codecs only see validated sizes).
@Suite struct CorruptFrameTests {
    @Test func damagedCorpusFramesGiveTypedErrors() throws {
        let corpus = try Corpus.load()
        var seenSyntaxes: Set<String> = []
        for entry in corpus.entries(in: ["valid", "edge"]) {
            guard let file = try? DICOMReader().read(contentsOf: corpus.url(entry).path),
                file.transferSyntax.isEncapsulated,
                let pixelData = try? file.pixelData(), let frame = try? pixelData.encodedFrame(0)
            else { continue }
            // One file per transfer syntax keeps the test short while covering each codec.
            guard seenSyntaxes.insert(file.transferSyntax.uid).inserted else { continue }
            let bytes = Array(frame.readableBytesView)
            var variants: [[UInt8]] = [
                Array(bytes.prefix(bytes.count / 2)), Array(bytes.prefix(bytes.count / 10)), Array(bytes.prefix(3)),
            ]
            var damaged = bytes
            var state: UInt64 = 0x9E37_79B9_7F4A_7C15
            for _ in 0..<max(1, bytes.count / 50) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                let index = Int(state >> 33) % damaged.count
                damaged[index] ^= UInt8(truncatingIfNeeded: state >> 13) | 1
            }
            variants.append(damaged)
            for variant in variants {
                var buffer = ByteBuffer()
                buffer.writeBytes(variant)
                var single = pixelData.module
                single.numberOfFrames = 1
                let start = Date()
                let damagedData = try PixelData(
                    module: single, transferSyntax: file.transferSyntax,
                    storage: .encapsulated(EncapsulatedPixelData(fragments: [buffer])))
                do {
                    _ = try damagedData.frame(0)
                } catch {
                    #expect(error is DICOMError, "\(entry.path): \(error)")
                }
                // A bound that catches hangs, loose enough for debug builds on a busy two-core machine.
                #expect(Date().timeIntervalSince(start) < 10, "\(entry.path) took too long")
            }
        }
        #expect(seenSyntaxes.count >= 6, "compressed syntaxes covered: \(seenSyntaxes.sorted())")
    }
}
