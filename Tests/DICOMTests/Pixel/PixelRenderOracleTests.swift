import Foundation
import NIOCore
import Testing

@testable import DICOM

/// Rendered frames of every corpus image compared with pydicom + numpy (Oracle/pydicom_render.py), per pixel,
/// within one grey level; each decoder family must be covered by at least one file.
@Suite struct PixelRenderOracleTests {
    struct Job {
        let entry: Corpus.Entry
        let frame: Int
        let output: URL
        let transferSyntax: TransferSyntax
        let photometric: String
        let ours: Result<RenderedImage, any Error>
    }

    @Test func corpusFramesMatchPydicom() throws {
        let corpus = try Corpus.load()
        let python = try Tool.python()
        let oracle = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Oracle/pydicom_render.py")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pixel-oracle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        var jobs: [Job] = []
        for entry in corpus.entries(in: ["valid", "edge"]) {
            guard let file = try? DICOMReader().read(contentsOf: corpus.url(entry).path),
                file.dataSet.contains(.pixelData), file.dataSet.contains(.rows)
            else { continue }
            let frames = max(1, file.dataSet.int(.numberOfFrames) ?? 1)
            for frame in Set([0, frames - 1]).sorted() {
                let ours = Result { try file.renderFrame(frame) }
                jobs.append(
                    Job(
                        entry: entry, frame: frame,
                        output: directory.appendingPathComponent("\(jobs.count).raw"),
                        transferSyntax: file.transferSyntax,
                        photometric: file.dataSet.string(.photometricInterpretation) ?? "", ours: ours))
            }
        }
        #expect(jobs.count > 50, "too few corpus images with pixel data: \(jobs.count)")

        let listing = jobs.map { "\(corpus.url($0.entry).path)\t\($0.frame)\t\($0.output.path)" }.joined(
            separator: "\n")
        let listURL = directory.appendingPathComponent("jobs.tsv")
        try listing.write(to: listURL, atomically: true, encoding: .utf8)
        let run = try Tool.run(python, [oracle.path, listURL.path])
        try #require(run.status == 0, "oracle failed: \(run.err)")
        let answers = run.out.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        try #require(answers.count == jobs.count, "oracle answered \(answers.count) of \(jobs.count): \(run.err)")

        var matchedFamilies: [String: Int] = [:]
        var mismatches: [String] = []
        for (job, answer) in zip(jobs, answers) {
            let name = "\(job.entry.path) frame \(job.frame)"
            guard answer["error"] == nil, let width = answer["width"] as? Int, let height = answer["height"] as? Int,
                let samples = answer["samples"] as? Int
            else {
                // pydicom cannot render it either: ours must be an image or a typed error, never a crash.
                if case .failure(let error) = job.ours { #expect(error is DICOMError, "\(name): \(error)") }
                continue
            }
            let image: RenderedImage
            switch job.ours {
            case .success(let rendered): image = rendered
            case .failure(let error):
                mismatches.append("\(name): pydicom renders it, we fail: \(error)")
                continue
            }
            let expected = [UInt8]((try? Data(contentsOf: job.output)) ?? Data())
            guard image.width == width, image.height == height, image.samplesPerPixel == samples,
                expected.count == image.pixels.count
            else {
                mismatches.append(
                    "\(name): ours \(image.width)×\(image.height)×\(image.samplesPerPixel), pydicom \(width)×\(height)×\(samples)"
                )
                continue
            }
            // One grey level for every family. DCT JPEG included: T.81 §A.3.3 lets conforming IDCTs differ, so
            // the oracle decodes 8-bit JPEG with Pillow's libjpeg-turbo, the codec family we use (see the oracle's
            // header for how the YCbCr→RGB transform stays independent).
            let tolerance = 1
            var worst = 0
            var off = 0
            for (a, b) in zip(image.pixels, expected) {
                let difference = abs(Int(a) - Int(b))
                if difference > tolerance { off += 1 }
                worst = max(worst, difference)
            }
            if off > 0 {
                mismatches.append(
                    "\(name): \(off) of \(expected.count) samples differ by more than \(tolerance) (worst \(worst))")
                continue
            }
            for family in Self.families(job) { matchedFamilies[family, default: 0] += 1 }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches:\n\(mismatches.joined(separator: "\n"))")
        for family in [
            "native", "multiframe", "RLE", "JPEG baseline", "JPEG lossless", "JPEG-LS", "JPEG 2000",
            "palette", "YBR", "RGB", "MONOCHROME1",
        ] {
            #expect(matchedFamilies[family, default: 0] > 0, "no corpus file of family \(family) matched pydicom")
        }
    }

    static func families(_ job: Job) -> [String] {
        var result: [String] = []
        switch job.transferSyntax.uid {
        case TransferSyntax.rleLossless.uid: result.append("RLE")
        case TransferSyntax.jpegBaseline8Bit.uid: result.append("JPEG baseline")
        case TransferSyntax.jpegExtended12Bit.uid: result.append("JPEG extended")
        case TransferSyntax.jpegLossless.uid, TransferSyntax.jpegLosslessSV1.uid: result.append("JPEG lossless")
        case TransferSyntax.jpegLSLossless.uid, TransferSyntax.jpegLSNearLossless.uid: result.append("JPEG-LS")
        case TransferSyntax.jpeg2000Lossless.uid, TransferSyntax.jpeg2000.uid: result.append("JPEG 2000")
        case TransferSyntax.htj2kLossless.uid, TransferSyntax.htj2kLosslessRPCL.uid, TransferSyntax.htj2k.uid:
            result.append("HTJ2K")
        default: result.append("native")
        }
        if job.frame > 0 { result.append("multiframe") }
        switch job.photometric {
        case "PALETTE COLOR": result.append("palette")
        case "RGB": result.append("RGB")
        case "MONOCHROME1": result.append("MONOCHROME1")
        case let term where term.hasPrefix("YBR"): result.append("YBR")
        default: break
        }
        return result
    }
}
