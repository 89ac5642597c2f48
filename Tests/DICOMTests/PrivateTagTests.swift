import NIOCore
import Testing

@testable import DICOM

@Suite("Private tags")
struct PrivateTagTests {
    @Test("private elements are found through their creator's block")
    func lookupByCreator() throws {
        var dataSet = DataSet()
        try dataSet.set(Tag(0x0029, 0x0010), vr: .LO, string: "OTHER")
        try dataSet.set(Tag(0x0029, 0x0011), vr: .LO, string: "SIEMENS CSA HEADER")
        dataSet.set(Tag(0x0029, 0x1110), vr: .OB, bytes: ByteBuffer(bytes: [1, 2]))
        #expect(dataSet.privateTag(creator: "SIEMENS CSA HEADER", group: 0x0029, offset: 0x10) == Tag(0x0029, 0x1110))
        #expect(dataSet.privateElement(creator: "SIEMENS CSA HEADER", group: 0x0029, offset: 0x10)?.valueLength == 2)
        #expect(dataSet.privateCreator(of: Tag(0x0029, 0x1110)) == "SIEMENS CSA HEADER")
        #expect(dataSet.privateTag(creator: "ABSENT", group: 0x0029, offset: 0x10) == nil)
        #expect(dataSet.privateTag(creator: "OTHER", group: 0x0028, offset: 0x10) == nil)
    }

    @Test("in implicit VR a private creator reads as LO, its elements as UN, undefined lengths as sequences")
    func implicitPrivateElements() throws {
        let corpus = try Corpus.load()
        let withCreator = try DICOMReader().read(
            contentsOf: corpus.root.appendingPathComponent("dicom/pydicom/test_files/priv_SQ.dcm").path
        ).dataSet
        #expect(withCreator[Tag(0x3F03, 0x0010)]?.vr == .LO)
        #expect(withCreator.string(Tag(0x3F03, 0x0010)) == "aaabbbccc MEDICAL SYSTEMS")
        #expect(withCreator[Tag(0x3F03, 0x1001)]?.vr == .UN)
        #expect(withCreator.privateCreator(of: Tag(0x3F03, 0x1001)) == "aaabbbccc MEDICAL SYSTEMS")

        let nested = try DICOMReader().read(
            contentsOf: corpus.root.appendingPathComponent("dicom/pydicom/test_files/nested_priv_SQ.dcm").path
        ).dataSet
        let inner = nested.sequence(Tag(0x0001, 0x0001))?.first?.sequence(Tag(0x0001, 0x0001))?.first
        #expect(
            inner?.bytes(Tag(0x0001, 0x0001)).map { String(decoding: $0.readableBytesView, as: UTF8.self) }
                == "Double Nested SQ")
    }
}
