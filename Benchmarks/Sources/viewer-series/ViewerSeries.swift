import DICOM
import Foundation
import NIOCore

/// Writes a synthetic CT series with Lightbox's own DICOM writer, for the viewer benchmark
/// (run-viewer-benchmark): `count` axial slices of 512 × 512 signed 16-bit pixels with rescale
/// (-1024, 1), a stored window (40/400) and Pixel Spacing, showing a body outline, lungs, a spine
/// and a heart that change from slice to slice, so scrolling shows movement. The patient, accession
/// and study attributes are given, so the archive matches the series to an existing exam.
///
/// usage: viewer-series OUT COUNT PATIENT_ID PATIENT_NAME BIRTH_DATE ACCESSION STUDY_UID SERIES_UID
@main
struct ViewerSeries {
    static func main() throws {
        let arguments = CommandLine.arguments
        guard arguments.count == 9, let count = Int(arguments[2]), count > 0 else {
            FileHandle.standardError.write(
                Data(
                    "usage: viewer-series OUT COUNT PATIENT_ID PATIENT_NAME BIRTH_DATE ACCESSION STUDY_UID SERIES_UID\n"
                        .utf8))
            exit(2)
        }
        let out = URL(fileURLWithPath: arguments[1])
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        for number in 1...count {
            let file = try slice(
                number: number, count: count, patientID: arguments[3], patientName: arguments[4],
                birthDate: arguments[5], accession: arguments[6], study: arguments[7], series: arguments[8])
            try DICOMWriter().write(file, toPath: out.appendingPathComponent(String(format: "CT%04d.dcm", number)).path)
        }
        print("wrote \(count) slices to \(out.path)")
    }

    static let size = 512

    static func slice(
        number: Int, count: Int, patientID: String, patientName: String, birthDate: String, accession: String,
        study: String, series: String
    ) throws -> DICOMFile {
        var data = DataSet()
        try data.set(.specificCharacterSet, string: "ISO_IR 100")
        try data.set(.sopClassUID, string: "1.2.840.10008.5.1.4.1.1.2")
        try data.set(.sopInstanceUID, string: "\(series).\(number)")
        try data.set(.accessionNumber, string: accession)
        try data.set(.modality, string: "CT")
        try data.set(.studyDescription, string: "CT benchmark series")
        try data.set(.seriesDescription, string: "Axial \(count) slices")
        try data.set(.patientName, string: patientName)
        try data.set(.patientID, string: patientID)
        try data.set(.patientBirthDate, string: birthDate)
        try data.set(.studyInstanceUID, string: study)
        try data.set(.seriesInstanceUID, string: series)
        try data.set(.seriesNumber, int: 900)
        try data.set(.instanceNumber, int: number)
        try data.set(Tag(0x0020, 0x0032), vr: .DS, strings: ["-125", "-125", String(-number * 2)])
        try data.set(Tag(0x0018, 0x0050), vr: .DS, string: "2")
        try data.set(.samplesPerPixel, int: 1)
        try data.set(.photometricInterpretation, string: "MONOCHROME2")
        try data.set(.rows, int: size)
        try data.set(.columns, int: size)
        try data.set(Tag(0x0028, 0x0030), vr: .DS, strings: ["0.48828125", "0.48828125"])
        try data.set(.bitsAllocated, int: 16)
        try data.set(.bitsStored, int: 16)
        try data.set(.highBit, int: 15)
        try data.set(.pixelRepresentation, int: 1)
        try data.set(Tag(0x0028, 0x1050), vr: .DS, string: "40")
        try data.set(Tag(0x0028, 0x1051), vr: .DS, string: "400")
        try data.set(Tag(0x0028, 0x1052), vr: .DS, string: "-1024")
        try data.set(Tag(0x0028, 0x1053), vr: .DS, string: "1")
        let z = Double(number) / Double(count)
        var pixels = ByteBuffer()
        pixels.reserveCapacity(size * size * 2)
        let centre = Double(size) / 2
        for row in 0..<size {
            for column in 0..<size {
                let x = (Double(column) - centre) / centre
                let y = (Double(row) - centre) / centre
                var hu = -1000.0
                if (x * x) / 0.81 + (y * y) / 0.49 < 1 { hu = 40 + 10 * sin(Double(row + column) / 7) }
                let lung = 0.18 + 0.05 * sin(z * .pi)
                if ((x - 0.4) * (x - 0.4)) / lung + (y * y) / 0.25 < 1 { hu = -820 }
                if ((x + 0.4) * (x + 0.4)) / lung + (y * y) / 0.25 < 1 { hu = -820 }
                let heart = 0.04 + 0.03 * z
                if ((x + 0.1) * (x + 0.1) + (y + 0.1) * (y + 0.1)) < heart { hu = 50 }
                if (x * x + (y - 0.45) * (y - 0.45)) < 0.012 { hu = 700 }
                pixels.writeInteger(Int16(hu + 1024), endianness: .little)
            }
        }
        data.set(.pixelData, vr: .OW, bytes: pixels)
        return DICOMFile(dataSet: data, transferSyntax: .explicitVRLittleEndian)
    }
}
