import ArgumentParser
import DICOM
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

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
        #if canImport(Glibc)
            // Each file is read whole into one buffer and freed after its dump. By default glibc maps every
            // buffer over 128 KiB afresh and unmaps it on free, so each file's pages fault in again; keeping
            // them in the heap (up to glibc's 32 MiB cap) lets the next file reuse them: a fifth of the time
            // of dumping the corpus went to those faults. mallopt (malloc.h, which Glibc's module leaves out)
            // is looked up by name; M_TRIM_THRESHOLD is -1, M_MMAP_THRESHOLD -3.
            if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") {
                let mallopt = unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
                _ = mallopt(-3, 32 << 20)
                _ = mallopt(-1, 256 << 20)
            }
        #endif
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
