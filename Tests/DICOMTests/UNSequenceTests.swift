import Foundation
import NIOCore
import Testing

@testable import DICOM

/// UN elements of undefined length (PS3.5 §6.2.2, CP-246): their content is implicit VR little endian by the
/// standard, but some devices keep it in explicit VR; both must read the same.
@Suite("UN sequences of undefined length")
struct UNSequenceTests {
    static let undefined: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF]
    static let itemStart: [UInt8] = [0xFE, 0xFF, 0x00, 0xE0] + undefined
    static let itemEnd: [UInt8] = [0xFE, 0xFF, 0x0D, 0xE0, 0, 0, 0, 0]
    static let sequenceEnd: [UInt8] = [0xFE, 0xFF, 0xDD, 0xE0, 0, 0, 0, 0]

    static func tag(_ group: UInt16, _ element: UInt16) -> [UInt8] {
        [UInt8(group & 0xFF), UInt8(group >> 8), UInt8(element & 0xFF), UInt8(element >> 8)]
    }

    static func le32(_ value: Int) -> [UInt8] { (0..<4).map { UInt8((value >> (8 * $0)) & 0xFF) } }

    static func implicitElement(_ group: UInt16, _ element: UInt16, _ text: String) -> [UInt8] {
        tag(group, element) + le32(text.utf8.count) + Array(text.utf8)
    }

    static func explicitElement(_ group: UInt16, _ element: UInt16, _ vr: String, _ text: String) -> [UInt8] {
        let count = text.utf8.count
        return tag(group, element) + Array(vr.utf8) + [UInt8(count & 0xFF), UInt8(count >> 8)] + Array(text.utf8)
    }

    /// An explicit VR little endian data set: Modality, then (0040,0260) Performed Protocol Code Sequence as UN of
    /// undefined length holding `items`, then Comments on Radiation Dose.
    static func dataSet(items: [[UInt8]]) -> ByteBuffer {
        var bytes = explicitElement(0x0008, 0x0060, "CS", "MG")
        bytes += tag(0x0040, 0x0260) + Array("UN".utf8) + [0, 0] + undefined
        for item in items { bytes += itemStart + item + itemEnd }
        bytes += sequenceEnd
        bytes += explicitElement(0x0040, 0x0310, "ST", "after")
        return ByteBuffer(bytes: bytes)
    }

    static func codeItem(explicit: Bool, value: String, scheme: String, meaning: String) -> [UInt8] {
        if explicit {
            return explicitElement(0x0008, 0x0100, "SH", value) + explicitElement(0x0008, 0x0102, "SH", scheme)
                + explicitElement(0x0008, 0x0104, "LO", meaning)
        }
        return implicitElement(0x0008, 0x0100, value) + implicitElement(0x0008, 0x0102, scheme)
            + implicitElement(0x0008, 0x0104, meaning)
    }

    func checkCodes(_ dataSet: DataSet) throws {
        #expect(dataSet.string(.modality) == "MG")
        #expect(dataSet.string(Tag(0x0040, 0x0310)) == "after")
        let items = try #require(dataSet.sequence(Tag(0x0040, 0x0260)))
        #expect(items.count == 2)
        #expect(items.first?.string(Tag(0x0008, 0x0100)) == "NA")
        #expect(items.first?.string(Tag(0x0008, 0x0102)) == "99HOLX")
        #expect(items.first?[Tag(0x0008, 0x0102)]?.vr == .SH)
        #expect(items.first?.string(Tag(0x0008, 0x0104)) == "No Views")
        #expect(items.last?.string(Tag(0x0008, 0x0100)) == "113701")
        #expect(items.last?.string(Tag(0x0008, 0x0104)) == "X-Ray Radiation Dose Report")
    }

    @Test("implicit VR content (as CP-246 says) is read as a sequence")
    func implicitContent() throws {
        let bytes = Self.dataSet(items: [
            Self.codeItem(explicit: false, value: "NA", scheme: "99HOLX", meaning: "No Views"),
            Self.codeItem(explicit: false, value: "113701", scheme: "DCM ", meaning: "X-Ray Radiation Dose Report"),
        ])
        try checkCodes(DICOMReader().readDataSet(bytes, transferSyntax: .explicitVRLittleEndian))
    }

    @Test("explicit VR content (as Hologic writes it) is detected and read the same")
    func explicitContent() throws {
        let bytes = Self.dataSet(items: [
            Self.codeItem(explicit: true, value: "NA", scheme: "99HOLX", meaning: "No Views"),
            Self.codeItem(explicit: true, value: "113701", scheme: "DCM ", meaning: "X-Ray Radiation Dose Report"),
        ])
        try checkCodes(DICOMReader().readDataSet(bytes, transferSyntax: .explicitVRLittleEndian))
    }

    @Test("explicit content with a private creator and a nested explicit sequence is read")
    func explicitNestedContent() throws {
        let nested =
            Self.tag(0x0040, 0xA043) + Array("SQ".utf8) + [0, 0] + Self.undefined + Self.itemStart
            + Self.explicitElement(0x0008, 0x0100, "SH", "113701") + Self.itemEnd + Self.sequenceEnd
        let item =
            Self.explicitElement(0x0008, 0x0100, "SH", "NA") + Self.explicitElement(0x0009, 0x0010, "LO", "ACME")
            + nested
        let dataSet = try DICOMReader().readDataSet(
            Self.dataSet(items: [item]), transferSyntax: .explicitVRLittleEndian)
        let items = try #require(dataSet.sequence(Tag(0x0040, 0x0260)))
        #expect(items.count == 1)
        #expect(items.first?.string(Tag(0x0009, 0x0010)) == "ACME")
        let concept = try #require(items.first?.sequence(.conceptNameCodeSequence))
        #expect(concept.first?.string(Tag(0x0008, 0x0100)) == "113701")
        #expect(dataSet.string(Tag(0x0040, 0x0310)) == "after")
    }

    @Test("the Hologic mammography image with explicit VR inside its UN sequence is read")
    func hologicCorpusFile() throws {
        let corpus = try Corpus.load()
        let path = "dicom/rdsr/openrem/MG-Im-Hologic-PropProj.dcm"
        let entry = try #require(corpus.entries.first { $0.path == path }, "\(path) is not in the manifest")
        let file = try DICOMReader().read(contentsOf: corpus.url(entry).path)
        let items = try #require(file.dataSet.sequence(Tag(0x0040, 0x0260)))
        #expect(items.count == 1)
        #expect(items.first?.string(Tag(0x0008, 0x0100)) == "NA")
        #expect(items.first?.string(Tag(0x0008, 0x0102)) == "99HOLX")
        #expect(items.first?.string(Tag(0x0008, 0x0104)) == "No Views")
    }

    @Test("a length beyond the data inside UN content is still refused, in either encoding")
    func lengthsStillChecked() throws {
        // Explicit header whose length overruns: neither reading fits, so the implicit one reports it.
        let explicitOverrun = Self.tag(0x0008, 0x0100) + Array("SH".utf8) + [0x00, 0x01] + Array("NA".utf8)
        let implicitOverrun = Self.tag(0x0008, 0x0100) + Self.le32(0x7000) + Array("NA".utf8)
        for item in [explicitOverrun, implicitOverrun] {
            let error = try #require(throws: DICOMError.self) {
                try DICOMReader().readDataSet(Self.dataSet(items: [item]), transferSyntax: .explicitVRLittleEndian)
            }
            #expect(error.code == .invalidLength)
            #expect(error.tag == Tag(0x0008, 0x0100))
        }
    }

    @Test("explicit sequences nested inside UN content still meet the depth limit")
    func depthLimitInExplicitContent() throws {
        func nested(depth: Int) -> ByteBuffer {
            var bytes = Self.tag(0x0040, 0x0260) + Array("UN".utf8) + [0, 0] + Self.undefined + Self.itemStart
            for _ in 0..<depth {
                bytes += Self.tag(0x0040, 0xA043) + Array("SQ".utf8) + [0, 0] + Self.undefined + Self.itemStart
            }
            for _ in 0..<depth { bytes += Self.itemEnd + Self.sequenceEnd }
            bytes += Self.itemEnd + Self.sequenceEnd
            return ByteBuffer(bytes: bytes)
        }
        let error = try #require(throws: DICOMError.self) {
            try DICOMReader().readDataSet(nested(depth: 70), transferSyntax: .explicitVRLittleEndian)
        }
        #expect(error.code == .nestingTooDeep)
        let dataSet = try DICOMReader().readDataSet(nested(depth: 10), transferSyntax: .explicitVRLittleEndian)
        #expect(dataSet.sequence(Tag(0x0040, 0x0260))?.count == 1)
    }
}
