import Foundation
import NIOCore
import Testing

@testable import DICOM

@Suite("Dump and DICOM JSON")
struct TextOutputTests {
    @Test("the dump lists elements like dcmdump, with nested items indented")
    func dump() throws {
        var item = DataSet()
        try item.set(.codeValue, string: "113691")
        var dataSet = DataSet()
        try dataSet.set(.patientName, string: "Doe^John")
        try dataSet.set(.rows, int: 512)
        try dataSet.set(.sopClassUID, string: "1.2.840.10008.5.1.4.1.1.2")
        dataSet.set(.conceptNameCodeSequence, sequence: [item])
        let text = DICOMDumper().dump(dataSet)
        #expect(text.contains("(0010,0010) PN [Doe^John]"))
        #expect(text.contains("(0028,0010) US 512"))
        #expect(text.contains("(0008,0016) UI =CTImageStorage"))
        #expect(text.contains("(0040,a043) SQ (Sequence with undefined length #=1)"))
        #expect(text.contains("    (0008,0100) SH [113691]"))
        #expect(text.contains("# ") && text.contains("PatientName"))
    }

    @Test("values longer than the limit are cut; a zero or negative limit cuts all, never traps")
    func dumpValueLimit() throws {
        var dataSet = DataSet()
        try dataSet.set(.patientName, string: "Doe^John")
        dataSet.set(.pixelData, vr: .OB, bytes: ByteBuffer(bytes: [1, 2, 3, 4, 5, 6, 7, 8]))
        #expect(DICOMDumper(maxValueLength: 4).dump(dataSet).contains("(0010,0010) PN [Doe^...]"))
        for limit in [0, -1, Int.min] {
            let text = DICOMDumper(maxValueLength: limit).dump(dataSet)
            #expect(text.contains("(0010,0010) PN [...]"))
            #expect(text.contains("(7fe0,0010) OB ..."))
        }
    }

    @Test("DICOM JSON model: value kinds of PS3.18 Annex F")
    func json() throws {
        var dataSet = DataSet(characterSet: .utf8)
        try dataSet.set(.specificCharacterSet, string: "ISO_IR 192")
        try dataSet.set(.patientName, string: "Yamada^Tarou=山田^太郎")
        try dataSet.set(.rows, int: 512)
        try dataSet.set(.pixelSpacing, strings: ["0.5", "0.25"])
        try dataSet.set(.instanceNumber, string: "7")
        try dataSet.set(.studyDescription, string: "<script>\"x\"</script>")
        dataSet.set(.frameIncrementPointer, vr: .AT, bytes: ByteBuffer(bytes: [0x18, 0x00, 0x63, 0x10]))
        dataSet.set(.pixelData, vr: .OB, bytes: ByteBuffer(bytes: [1, 2, 3]))
        try dataSet.set(.patientID, string: "")
        dataSet.set(Tag(0x0008, 0x0000), vr: .UL, bytes: DICOMWriter.uint32(4))
        let text = DICOMJSONEncoder().encode(dataSet)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: [String: Any]])
        #expect(object["00080000"] == nil)
        #expect(object["00280010"]?["vr"] as? String == "US")
        #expect(object["00280010"]?["Value"] as? [Int] == [512])
        #expect(object["00280030"]?["Value"] as? [Double] == [0.5, 0.25])
        #expect(object["00200013"]?["Value"] as? [Int] == [7])
        let name = (object["00100010"]?["Value"] as? [[String: String]])?.first
        #expect(name?["Alphabetic"] == "Yamada^Tarou")
        #expect(name?["Ideographic"] == "山田^太郎")
        #expect(object["00280009"]?["Value"] as? [String] == ["00181063"])
        #expect(object["7FE00010"]?["InlineBinary"] as? String == "AQID")
        #expect(object["00100020"]?["Value"] == nil)
        #expect(object["00081030"]?["Value"] as? [String] == ["<script>\"x\"</script>"])
        #expect(!text.contains("<script>"))
    }

    @Test("every corpus file dumps and encodes to valid JSON")
    func corpusOutputs() throws {
        let corpus = try Corpus.load()
        for entry in corpus.entries(in: ["valid", "edge"]) {
            let file = try DICOMReader().read(contentsOf: corpus.url(entry).path)
            #expect(!DICOMDumper().dump(file).isEmpty)
            let json = DICOMJSONEncoder().encode(file.dataSet)
            #expect((try? JSONSerialization.jsonObject(with: Data(json.utf8))) != nil, "\(entry.path)")
        }
    }

    @Test("our DICOM JSON equals pydicom's to_json_dict for every native little endian corpus file")
    func jsonMatchesPydicom() throws {
        let corpus = try Corpus.load()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dicom-json-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var lines: [String] = []
        for (index, entry) in corpus.entries(in: ["valid", "edge"]).enumerated()
        where entry.detected.contains("pydicom:ok") {
            let file = try DICOMReader().read(contentsOf: corpus.url(entry).path)
            // pydicom keeps big endian words as stored and inlines encapsulated pixel data its own way.
            guard file.transferSyntax.isLittleEndian, !file.transferSyntax.isEncapsulated else { continue }
            let output = directory.appendingPathComponent("\(index).json")
            try Data(DICOMJSONEncoder().encode(file.dataSet).utf8).write(to: output)
            lines.append(corpus.url(entry).path + "\t" + output.path)
        }
        #expect(lines.count > 150)
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Oracle/pydicom_json_compare.py").path
        let result = try Tool.run(try Tool.python(), [script], stdin: lines.joined(separator: "\n") + "\n")
        #expect(result.status == 0, "\(result.err.suffix(2000))")
        var compared = 0
        for line in result.out.split(separator: "\n") {
            let record = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            compared += 1
            let differences = record["differences"] as? [[Any]] ?? []
            for difference in differences.prefix(3) {
                Issue.record("\(record["path"] ?? ""): \(difference.map { "\($0)".prefix(160) })")
            }
        }
        #expect(compared == lines.count)
    }

    @Test("DICOM JSON decodes back to a data set with the same JSON, for every corpus file")
    func jsonRoundTrip() throws {
        let corpus = try Corpus.load()
        for entry in corpus.entries(in: ["valid", "edge"]) {
            let file = try DICOMReader(options: .init(stopBefore: .pixelData)).read(contentsOf: corpus.url(entry).path)
            let json = DICOMJSONEncoder().encode(file.dataSet)
            do {
                let decoded = try DICOMJSONDecoder().decode(json)
                let again = DICOMJSONEncoder().encode(decoded)
                // Non-ASCII text comes back as UTF-8, so only the declared character sets may change.
                let utf8 = decoded.string(.specificCharacterSet) == "ISO_IR 192"
                let first =
                    Self.withoutCharacterSets(try JSONSerialization.jsonObject(with: Data(json.utf8)), utf8)
                    as? NSDictionary
                let second =
                    Self.withoutCharacterSets(try JSONSerialization.jsonObject(with: Data(again.utf8)), utf8)
                    as? NSDictionary
                if first != second {
                    let keys = (first?.allKeys as? [String] ?? []).filter {
                        first?[$0] as? NSObject != second?[$0] as? NSObject
                    }
                    Issue.record("\(entry.path): JSON differs after decoding at \(keys.sorted().prefix(3))")
                }
            } catch {
                Issue.record("\(entry.path): \(error)")
            }
        }
    }

    @Test("DICOM JSON decoding of each value kind, and refusal of malformed JSON")
    func jsonDecoding() throws {
        let json = """
            {"00100010":{"vr":"PN","Value":[{"Alphabetic":"Yamada^Tarou","Ideographic":"山田^太郎"}]},
             "00280010":{"vr":"US","Value":[512]},"00280030":{"vr":"DS","Value":[0.5,0.25]},
             "00280009":{"vr":"AT","Value":["00181063"]},"7FE00010":{"vr":"OB","InlineBinary":"AQID"},
             "0040A730":{"vr":"SQ","Value":[{"0040A040":{"vr":"CS","Value":["TEXT"]}}]},
             "00100020":{"vr":"LO"}}
            """
        let dataSet = try DICOMJSONDecoder().decode(json)
        #expect(dataSet.string(.specificCharacterSet) == "ISO_IR 192")
        #expect(dataSet.personName(.patientName)?.ideographic.familyName == "山田")
        #expect(dataSet.int(.rows) == 512)
        #expect(dataSet.doubles(.pixelSpacing) == [0.5, 0.25])
        #expect(dataSet.tagValue(.frameIncrementPointer) == Tag(0x0018, 0x1063))
        #expect(dataSet.bytes(.pixelData).map { Array($0.readableBytesView) } == [1, 2, 3])
        #expect(dataSet.sequence(.contentSequence)?.first?.string(.valueType) == "TEXT")
        #expect(dataSet[.patientID]?.isEmpty == true)
        #expect(throws: DICOMError.self) { try DICOMJSONDecoder().decode("[1]") }
        #expect(throws: DICOMError.self) { try DICOMJSONDecoder().decode(#"{"0010":{"vr":"PN"}}"#) }
        #expect(throws: DICOMError.self) { try DICOMJSONDecoder().decode(#"{"00100010":{"vr":"XX"}}"#) }
        #expect(throws: DICOMError.self) { try DICOMJSONDecoder().decode(#"{"00280010":{"vr":"US","Value":["a"]}}"#) }
    }

    static func withoutCharacterSets(_ value: Any, _ strip: Bool) -> Any {
        guard strip else { return value }
        if let object = value as? [String: Any] {
            var result: [String: Any] = [:]
            for (key, item) in object where key != "00080005" { result[key] = withoutCharacterSets(item, strip) }
            return result
        }
        if let array = value as? [Any] { return array.map { withoutCharacterSets($0, strip) } }
        return value
    }
}
