import Testing

@testable import DICOM

@Suite("Registries")
struct RegistryTests {
    @Test("every transfer syntax of the UID registry has its encoding properties")
    func transferSyntaxes() {
        let registered = UIDRegistry.entries(ofType: "Transfer Syntax")
        #expect(registered.count > 50)
        for entry in registered {
            #expect(TransferSyntax(uid: entry.uid).isKnown, "\(entry.uid) \(entry.name)")
        }
        #expect(!TransferSyntax.implicitVRLittleEndian.isExplicitVR)
        #expect(!TransferSyntax.explicitVRBigEndian.isLittleEndian)
        #expect(TransferSyntax.deflatedExplicitVRLittleEndian.isDeflated)
        #expect(TransferSyntax.htj2k.isEncapsulated && TransferSyntax.rleLossless.isEncapsulated)
        #expect(TransferSyntax(uid: "1.2.840.10008.1.2.1\0").uid == "1.2.840.10008.1.2.1")
    }

    @Test("the data dictionary knows keywords, VRs, VMs, repeating groups and its edition")
    func dictionary() throws {
        #expect(DataDictionary.edition == "2024c")
        #expect(DataDictionary.entries.count > 5000)
        let name = try #require(DataDictionary.entry(for: .patientName))
        #expect(name.keyword == "PatientName" && name.vr == .PN && name.vm == "1" && name.name == "Patient's Name")
        #expect(DataDictionary.entry(for: Tag(0x6002, 0x3000))?.keyword == "OverlayData")
        #expect(DataDictionary.entry(for: Tag(0x0028, 0x0106))?.vrs == [.US, .SS])
        #expect(Tag(keyword: "CTDIvol") == Tag(0x0018, 0x9345))
        #expect(DataDictionary.entry(for: Tag(0x0009, 0x0010)) == nil)
        #expect(UIDRegistry.entry(for: "1.2.840.10008.5.1.4.1.1.88.67")?.keyword == "XRayRadiationDoseSRStorage")
        #expect(UIDRegistry.entry(forKeyword: "CTImageStorage")?.uid == "1.2.840.10008.5.1.4.1.1.2")
        #expect(!UIDRegistry.entries(ofType: "Coding Scheme").isEmpty)
        #expect(!UIDRegistry.entries(ofType: "Well-known frame of reference").isEmpty)
    }

    @Test("the byte-level table parse gives every entry a String.split parse gives, in order")
    func tablesParseAsText() {
        var dictionary: [DataDictionary.Entry] = []
        for line in DataDictionary.table.split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 6 else { continue }
            var value: UInt32 = 0
            for character in fields[0] { value = value << 4 | (UInt32(String(character), radix: 16) ?? 0) }
            dictionary.append(
                DataDictionary.Entry(
                    tag: Tag(rawValue: value),
                    vrs: fields[1].split(separator: "/").compactMap { VR(rawValue: String($0)) },
                    vm: String(fields[2]), keyword: String(fields[3]), name: String(fields[4]),
                    isRetired: fields[5] == "R"))
        }
        #expect(dictionary.count > 5000)
        #expect(DataDictionary.entries == dictionary)
        var registry: [UIDRegistry.Entry] = []
        for line in UIDRegistry.table.split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 5 else { continue }
            registry.append(
                UIDRegistry.Entry(
                    uid: String(fields[0]), name: String(fields[1]), type: String(fields[2]),
                    keyword: String(fields[3]),
                    isRetired: fields[4] == "R"))
        }
        #expect(registry.count > 400)
        #expect(UIDRegistry.entries == registry)
        #expect(DataDictionary.entry(for: Tag(0x6002, 0x3000))?.keyword == "OverlayData")
    }
}
