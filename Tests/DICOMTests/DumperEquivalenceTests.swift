import Foundation
import NIOCore
import Testing

@testable import DICOM

/// The dump writes bytes and formats values only as far as the cut; its listing must stay exactly the one
/// the `String`-based dumper printed (``ReferenceDumper``), for every corpus file and every kind of value.
@Suite("Dump equals the String-based listing")
struct DumperEquivalenceTests {
    static let limits = [64, 16, 3, 1, 0, -1]

    @Test("every readable corpus file, at several value limits")
    func corpus() throws {
        let corpus = try Corpus.load()
        let entries = corpus.entries(in: ["valid", "edge", "rdsr", "dose-image", "mwl", "security", "malformed"])
        var compared = 0
        for entry in entries {
            guard let file = try? DICOMReader().read(contentsOf: corpus.url(entry).path) else { continue }
            compared += 1
            for limit in entry.category == "valid" ? Self.limits : [64] {
                let expected = ReferenceDumper(maxValueLength: limit).dump(file)
                let actual = DICOMDumper(maxValueLength: limit).dump(file)
                if actual != expected {
                    let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
                    let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
                    let line = Array(zip(a, e)).firstIndex { $0.0 != $0.1 } ?? min(a.count, e.count)
                    let got = line < a.count ? String(a[line]) : ""
                    let want = line < e.count ? String(e[line]) : ""
                    Issue.record("\(entry.path) limit \(limit), line \(line):\n got: \(got)\nwant: \(want)")
                }
            }
        }
        #expect(compared > 250)
    }

    @Test("text in other character sets, CR LF, combining marks, padding, empty values and separators")
    func text() throws {
        var dataSet = DataSet(characterSet: SpecificCharacterSet(value: "ISO_IR 100"))
        try dataSet.set(.specificCharacterSet, vr: .CS, string: "ISO_IR 100")
        let values: [(DICOM.Tag, VR, [UInt8])] = [
            (.patientName, .PN, Array("Müller^Jürgen  ".utf8)),  // UTF-8 bytes read as Latin-1
            (.patientID, .LO, [0x4D, 0xFC, 0x6C, 0x6C, 0x65, 0x72]),  // Latin-1 ü
            (.studyDescription, .LO, Array("  lead\\ trail  \\\\x".utf8)),
            (.seriesDescription, .LO, Array(String(repeating: "long value ", count: 20).utf8)),
            (.institutionName, .LO, [0x20, 0x00, 0x20, 0x00]),
            (DICOM.Tag(0x0020, 0x4000), .LT, Array("line one\r\nline two\r\n  ".utf8)),
            (DICOM.Tag(0x0010, 0x21B0), .LT, [0xCC, 0x81] + Array("combining first".utf8)),
            (.referringPhysicianName, .PN, Array("  Doe^John\\  Roe^Jane ".utf8)),
            (.sopInstanceUID, .UI, Array("1.2.840.10008.5.1.4.1.1.2\0".utf8)),
            (.sopClassUID, .UI, Array("1.2.840.10008.5.1.4.1.1.2\\1.2.3\0".utf8)),
            (.studyInstanceUID, .UI, Array("1.2.3.4.5.6.7.8.9.10.11.12.13.14.15.16.17.18.19.20.21.22.23.24".utf8)),
            (.imageType, .CS, Array("ORIGINAL\\PRIMARY\\\\".utf8)),
            (.textValue, .UT, [0x1B, 0x2D, 0x41, 0xE9, 0x74, 0xE9]),  // ESC: the code-extension route
        ]
        for (tag, vr, bytes) in values { dataSet.set(tag, vr: vr, bytes: ByteBuffer(bytes: bytes)) }
        try expectSame(dataSet)
    }

    @Test("numbers, tags and bytes: long arrays, odd lengths, extremes")
    func binary() throws {
        var dataSet = DataSet()
        func bytes(_ count: Int, _ make: (Int) -> [UInt8]) -> ByteBuffer {
            ByteBuffer(bytes: (0..<count).flatMap(make))
        }
        dataSet.set(.rows, vr: .US, bytes: bytes(4096) { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        dataSet.set(.columns, vr: .US, bytes: ByteBuffer(bytes: [7]))  // shorter than one value
        dataSet.set(DICOM.Tag(0x0028, 0x0120), vr: .SS, bytes: ByteBuffer(bytes: [0x00, 0x80, 0xFF, 0xFF, 0x01, 0x00]))
        dataSet.set(DICOM.Tag(0x0008, 0x1161), vr: .UL, bytes: ByteBuffer(bytes: [0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0]))
        dataSet.set(DICOM.Tag(0x0018, 0x6020), vr: .SL, bytes: ByteBuffer(bytes: [0x00, 0x00, 0x00, 0x80, 5, 0, 0, 0]))
        dataSet.set(
            DICOM.Tag(0x0009, 0x1001), vr: .SV,
            bytes: ByteBuffer(bytes: [0, 0, 0, 0, 0, 0, 0, 0x80, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F]))
        dataSet.set(
            DICOM.Tag(0x0009, 0x1002), vr: .UV,
            bytes: ByteBuffer(bytes: [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 3, 0, 0, 0, 0, 0, 0, 0]))
        var floats = ByteBuffer()
        for value: Float in [0.1, -1.5, .infinity, .nan, 1e-30, 3.4e38] {
            floats.writeInteger(value.bitPattern, endianness: .little)
        }
        dataSet.set(DICOM.Tag(0x0018, 0x1164), vr: .FL, bytes: floats)
        var doubles = ByteBuffer()
        for index in 0..<300 { doubles.writeInteger((Double(index) / 7).bitPattern, endianness: .little) }
        dataSet.set(DICOM.Tag(0x0018, 0x6028), vr: .FD, bytes: doubles)
        dataSet.set(.frameIncrementPointer, vr: .AT, bytes: ByteBuffer(bytes: [0x18, 0x00, 0x63, 0x10, 0x20, 0x00]))
        dataSet.set(.pixelData, vr: .OW, bytes: bytes(1001) { [UInt8($0 & 0xFF)] })
        dataSet.set(DICOM.Tag(0x0009, 0x1003), vr: .OB, bytes: ByteBuffer(bytes: [0xAB]))
        dataSet.set(DICOM.Tag(0x0009, 0x1004), vr: .UN, bytes: bytes(70) { [UInt8($0)] })
        dataSet.set(DICOM.Tag(0x0009, 0x1005), vr: .OF, bytes: bytes(9) { [UInt8($0)] })
        var item = DataSet()
        try item.set(.codeValue, vr: .SH, string: "113691")
        dataSet.set(.conceptNameCodeSequence, sequence: [item, DataSet()])
        dataSet.set(
            DICOM.Tag(0x7FE0, 0x0011),
            fragments: EncapsulatedPixelData(
                basicOffsetTable: ByteBuffer(), fragments: [ByteBuffer(bytes: [1, 2, 3]), bytes(90) { [UInt8($0)] }]))
        try expectSame(dataSet)
    }

    func expectSame(_ dataSet: DataSet) throws {
        for limit in Self.limits + [200] {
            let expected = ReferenceDumper(maxValueLength: limit).dump(dataSet)
            let actual = DICOMDumper(maxValueLength: limit).dump(dataSet)
            #expect(actual == expected, "limit \(limit)")
            #expect(DICOMDumper(maxValueLength: limit).dumpBytes(dataSet) == Array(expected.utf8))
        }
    }
}
