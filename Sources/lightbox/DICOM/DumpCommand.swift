import ArgumentParser
import DICOM
import Foundation

/// `lightbox dicom dump FILE…`: lists each file's elements like dcmtk's dcmdump, or prints the DICOM JSON
/// model (PS3.18 Annex F) with `--json`. Exit status 0 when every file was read, 1 when any was refused.
struct DumpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dump",
        abstract: "Print DICOM files as text (like dcmdump) or as DICOM JSON (PS3.18 Annex F).")

    @Argument(help: "DICOM files (Part 10, or raw data sets as pydicom's force reads them).")
    var files: [String]

    @Flag(name: .long, help: "Print the DICOM JSON model instead of text; one JSON object per file, one per line.")
    var json = false

    @Flag(name: .long, help: "Stop reading before Pixel Data (7FE0,0010).")
    var noPixelData = false

    @Option(name: .long, help: "Longest value printed in text mode before it is cut.")
    var maxValueLength = 64

    func validate() throws {
        guard maxValueLength >= 1 else { throw ValidationError("--max-value-length must be 1 or more") }
    }

    func run() throws {
        let reader = DICOMReader(options: DICOMReader.Options(stopBefore: noPixelData ? .pixelData : nil))
        let dumper = DICOMDumper(maxValueLength: maxValueLength)
        var refused = 0
        for (index, path) in files.enumerated() {
            do {
                let file = try reader.read(contentsOf: path)
                if json {
                    print(DICOMJSONEncoder().encode(file.dataSet))
                } else {
                    // The listing as bytes, one write per file: no String is built for it.
                    var bytes: [UInt8] = []
                    if files.count > 1 {
                        bytes.append(contentsOf: "# dump (\(index + 1)/\(files.count)): \(path)\n".utf8)
                    }
                    bytes.append(contentsOf: dumper.dumpBytes(file))
                    try FileHandle.standardOutput.write(contentsOf: bytes)
                }
            } catch {
                refused += 1
                FileHandle.standardError.write(Data("\(path): \(error)\n".utf8))
            }
        }
        if refused > 0 { throw ExitCode(1) }
    }
}
