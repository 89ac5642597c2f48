import Foundation
import NIOCore
import Testing

@testable import DICOM

@Suite("Character sets")
struct CharacterSetTests {
    /// Expected names from the corpus' FileInfo.txt (PS3.5 Annex H, I, J examples), decoded.
    static let corpusNames: [(String, String)] = [
        ("chrArab.dcm", "قباني^لنزار"),
        ("chrRuss.dcm", "Люкceмбypг"),
        ("chrGreek.dcm", "Διονυσιος"),
        ("chrHbrw.dcm", "שרון^דבורה"),
        ("chrI2.dcm", "Hong^Gildong=洪^吉洞=홍^길동"),
        ("chrH31.dcm", "Yamada^Tarou=山田^太郎=やまだ^たろう"),
        ("chrH32.dcm", "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう"),
        ("chrX1.dcm", "Wang^XiaoDong=王^小東="),
        ("chrX2.dcm", "Wang^XiaoDong=王^小东="),
        ("chrGerm.dcm", "Äneas^Rüdiger"),
        ("chrFren.dcm", "Buc^Jérôme"),
    ]

    @Test("patient names of the corpus character set files", arguments: corpusNames)
    func corpusPatientNames(_ file: String, _ expected: String) throws {
        let corpus = try Corpus.load()
        let path = corpus.root.appendingPathComponent("dicom/pydicom/charset_files/\(file)").path
        let dataSet = try DICOMReader().read(contentsOf: path).dataSet
        #expect(dataSet.string(.patientName) == expected)
    }

    @Test("person name groups: alphabetic, ideographic, phonetic")
    func personNameGroups() throws {
        let corpus = try Corpus.load()
        let path = corpus.root.appendingPathComponent("dicom/pydicom/charset_files/chrH31.dcm").path
        let name = try #require(try DICOMReader().read(contentsOf: path).dataSet.personName(.patientName))
        #expect(name.alphabetic.familyName == "Yamada")
        #expect(name.alphabetic.givenName == "Tarou")
        #expect(name.ideographic.familyName == "山田")
        #expect(name.ideographic.givenName == "太郎")
        #expect(name.phonetic.familyName == "やまだ")
        #expect(name.phonetic.givenName == "たろう")
    }

    @Test("a sequence item with its own Specific Character Set decodes with it; otherwise it inherits")
    func sequenceItemCharacterSets() throws {
        let corpus = try Corpus.load()
        for file in ["chrSQEncoding.dcm", "chrSQEncoding1.dcm"] {
            let path = corpus.root.appendingPathComponent("dicom/pydicom/charset_files/\(file)").path
            let dataSet = try DICOMReader().read(contentsOf: path).dataSet
            let item = try #require(dataSet.sequence(Tag(0x0032, 0x1064))?.first)
            #expect(item.string(.patientName) == "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう", "\(file)")
        }
    }

    @Test("multi-valued text splits after decoding")
    func multiValued() throws {
        let corpus = try Corpus.load()
        let path = corpus.root.appendingPathComponent("dicom/pydicom/charset_files/chrFrenMulti.dcm").path
        let dataSet = try DICOMReader().read(contentsOf: path).dataSet
        #expect(dataSet.strings(.patientName) == ["Buc^Jérôme"])
        #expect(dataSet.strings(Tag(0x0010, 0x1000)) == ["eggs", "spam"])
    }

    static let byteCases: [(String, [UInt8], String)] = [
        ("ISO_IR 101", [0xB1, 0xE6], "ąć"),
        ("ISO_IR 109", [0xA1, 0xC5], "ĦĊ"),
        ("ISO_IR 110", [0xA1, 0xBD], "ĄŊ"),
        ("ISO_IR 148", [0xD0, 0xFD], "Ğı"),
        ("ISO_IR 166", [0xA1, 0xCA], "กส"),
        ("ISO_IR 192", [0xE7, 0x8E, 0x8B], "王"),
        ("GB18030", [0x81, 0x30, 0x81, 0x30, 0xB0, 0xA1], "\u{80}啊"),
        ("GBK", [0x81, 0x40, 0xB0, 0xA1], "丂啊"),
        ("\\ISO 2022 IR 159", [0x1B, 0x24, 0x28, 0x44, 0x30, 0x21, 0x1B, 0x28, 0x42], "丂"),
        ("\\ISO 2022 IR 149", [0x1B, 0x24, 0x29, 0x43, 0xC8, 0xAB], "홍"),
        ("ISO 2022 IR 100\\ISO 2022 IR 126", [0x41, 0xE9, 0x1B, 0x2D, 0x46, 0xC1], "AéΑ"),
        ("ISO_IR 100", [0x4A, 0xE9], "Jé"),
        ("", [0x41, 0x42], "AB"),
    ]

    @Test("decoding each supported repertoire", arguments: byteCases)
    func decodes(_ term: String, _ bytes: [UInt8], _ expected: String) {
        #expect(SpecificCharacterSet(value: term).decode(bytes, vr: .LO) == expected)
    }

    @Test("undecodable bytes become U+FFFD, never other letters")
    func undecodableIsVisible() {
        let text = SpecificCharacterSet(value: "ISO_IR 192").decode([0x41, 0xFF, 0x42], vr: .LO)
        #expect(text == "A\u{FFFD}B")
        let korean = SpecificCharacterSet(value: "\\ISO 2022 IR 149").decode([0x1B, 0x24, 0x29, 0x43, 0xFF], vr: .LO)
        #expect(korean.contains("\u{FFFD}"))
        let unknownEscape = SpecificCharacterSet(value: "\\ISO 2022 IR 87").decode([0x1B, 0x7A, 0x41], vr: .LO)
        #expect(unknownEscape == "\u{FFFD}zA")
    }

    @Test("encoding text in the data set's character set round-trips")
    func encodeRoundTrip() throws {
        for (term, text) in [
            ("ISO_IR 100", "Jérôme"), ("ISO_IR 144", "Люкс"), ("ISO_IR 192", "王^小東"), ("GB18030", "王^小东"),
        ] {
            var dataSet = DataSet(characterSet: SpecificCharacterSet(value: term))
            try dataSet.set(.patientName, string: text)
            #expect(dataSet.string(.patientName) == text, "\(term)")
        }
        var ascii = DataSet()
        #expect(throws: DICOMError.self) { try ascii.set(.patientName, string: "Jérôme") }
    }

    @Test("ISO 2022 encoding reproduces the standard's example bytes (PS3.5 Annex H and I)")
    func iso2022Encoding() throws {
        let corpus = try Corpus.load()
        for file in ["chrH31.dcm", "chrI2.dcm"] {
            let path = corpus.root.appendingPathComponent("dicom/pydicom/charset_files/\(file)").path
            let dataSet = try DICOMReader().read(contentsOf: path).dataSet
            let original = try #require(dataSet.bytes(.patientName))
            let name = try #require(dataSet.string(.patientName))
            var copy = DataSet(characterSet: dataSet.characterSet)
            try copy.set(.patientName, string: name)
            let written = try #require(copy.bytes(.patientName))
            #expect(
                Array(written.readableBytesView) == Array(original.readableBytesView).filter { $0 != 0x20 }, "\(file)")
            #expect(copy.string(.patientName) == name)
        }
        let latin = SpecificCharacterSet(value: "ISO 2022 IR 6\\ISO 2022 IR 100\\ISO 2022 IR 144")
        let bytes = try latin.encode("Jérôme^Люкс", vr: .PN)
        #expect(latin.decode(bytes, vr: .PN) == "Jérôme^Люкс")
        #expect(throws: DICOMError.self) {
            try SpecificCharacterSet(value: "\\ISO 2022 IR 87").encode("Jérôme", vr: .PN)
        }
    }
}
