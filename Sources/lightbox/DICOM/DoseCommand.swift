import ArgumentParser
import DICOM
import Foundation

/// `lightbox dicom dose FILE…`: the dose summary of each file as JSON (`DoseSummary`, fields documented
/// in docs/DICOM-API notes and on `DoseSummary`: totals in Gy·cm², mGy, mGy·cm, s, MBq; each quantity also as reported).
/// One JSON object per file (one per line with `--compact`). Exit status 0 when every file was read,
/// 1 when any was refused (the error is printed on standard error).
struct DoseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dose",
        abstract: "Print the radiation dose summary of DICOM files (dose SRs or image headers) as JSON.")

    @Argument(help: "DICOM files: X-Ray, Enhanced X-Ray or Radiopharmaceutical Radiation Dose SRs, or images.")
    var files: [String]

    @Flag(name: .long, help: "One JSON object per line instead of indented JSON.")
    var compact = false

    func run() throws {
        var refused = 0
        for path in files {
            do {
                let summary = try DoseSummary(contentsOf: path)
                print(try summary.jsonString(prettyPrinted: !compact))
            } catch {
                refused += 1
                FileHandle.standardError.write(Data("\(path): \(error)\n".utf8))
            }
        }
        if refused > 0 { throw ExitCode(1) }
    }
}
