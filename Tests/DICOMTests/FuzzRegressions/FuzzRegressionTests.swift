import Foundation
import NIOCore
import Testing

@testable import DICOM

/// Every input kept under FuzzRegressions/Inputs (crashes the libFuzzer target of Fuzz/ found once, and seeds that
/// reach deep paths) goes through the same paths as the fuzzer: each must be read or refused with a `DICOMError`,
/// quickly, and never crash. The inputs are excluded from the target in Package.swift and found through #filePath.
@Suite struct FuzzRegressionTests {
    static func inputs(filePath: String = #filePath) throws -> [URL] {
        let directory = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Inputs")
        return try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { !$0.lastPathComponent.hasPrefix(".") }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    @Test func inputsArePresent() throws {
        #expect(try !Self.inputs().isEmpty, "FuzzRegressions/Inputs holds no inputs")
    }

    @Test(arguments: try inputs())
    func inputIsReadOrRefusedWithATypedError(_ url: URL) throws {
        let buffer = ByteBuffer(bytes: try Data(contentsOf: url))
        let start = ContinuousClock.now
        var unexpected: [String] = []
        func attempt<T>(_ path: String, _ body: () throws -> T) -> T? {
            do {
                return try body()
            } catch is DICOMError {
                return nil
            } catch {
                unexpected.append("\(path): \(type(of: error)) \(error)")
                return nil
            }
        }

        if let file = attempt("read", { try DICOMReader().read(buffer) }) {
            _ = DICOMDumper().dump(file)
            _ = DICOMJSONEncoder().encode(file.dataSet)
            if let written = attempt("write", { try DICOMWriter().write(file) }) {
                _ = attempt("re-read", { try DICOMReader().read(written) })
            }
            if let pixels = attempt("pixelData", { try file.pixelData() }) {
                for index in Set([0, max(0, pixels.numberOfFrames - 1)]).sorted() {
                    guard let frame = attempt("frame \(index)", { try pixels.frame(index) }) else { continue }
                    if let renderer = attempt("renderer", { try FrameRenderer(dataSet: file.dataSet) }),
                        let image = attempt("render", { try renderer.render(frame) })
                    {
                        _ = attempt("png", { try PNGEncoder().encode(image) })
                    }
                }
            }
            if let report = attempt("sr", { try StructuredReport(dataSet: file.dataSet) }) {
                report.root.walk { _, _ in true }
            }
            _ = DoseSummary(file: file)
        }
        _ = attempt("stopBefore") { try DICOMReader(options: .init(stopBefore: .pixelData)).read(buffer) }
        let syntaxes: [TransferSyntax] = [
            .implicitVRLittleEndian, .explicitVRLittleEndian, .explicitVRBigEndian, .deflatedExplicitVRLittleEndian,
        ]
        for syntax in syntaxes {
            if let dataSet = attempt(
                "raw \(syntax.uid)", { try DICOMReader().readDataSet(buffer, transferSyntax: syntax) })
            {
                _ = DICOMDumper().dump(dataSet)
                _ = DoseSummary(dataSet: dataSet)
            }
        }
        _ = attempt("command") { try DICOMReader().readCommandSet(buffer) }

        #expect(unexpected.isEmpty, "errors that are not DICOMError: \(unexpected)")
        // Every input here takes milliseconds when handled in linear time, also in a debug build; 2 s leaves room for a
        // busy machine and still catches the quadratic cases the fuzzer's -timeout reported.
        let elapsed = ContinuousClock.now - start
        #expect(elapsed < .seconds(2), "\(url.lastPathComponent) took \(elapsed)")
    }
}
