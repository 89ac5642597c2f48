import Foundation
import NIOCore
import Testing

@testable import DICOM

/// The Basic Application Level Confidentiality Profile (PS3.15 Annex E): each action class of Table E.1-1 on a
/// data set holding an attribute of each, UIDs mapped consistently across a study, no identifier of the corpus
/// files left anywhere in the written bytes, and a golden listing of the result.
@Suite("De-identification (PS3.15 Annex E basic profile)")
struct DeidentifierTests {
    static let studyUID = "1.2.826.0.1.3680043.10.99.1"
    static let seriesUID = "1.2.826.0.1.3680043.10.99.1.1"
    static let frameUID = "1.2.826.0.1.3680043.10.99.1.9"
    static let ctImage = "1.2.840.10008.5.1.4.1.1.2"

    /// Fixed UUIDs 1, 2, 3… so the new UIDs of a test are known.
    static func sequentialUIDs() -> DeidentificationUIDMap {
        let counter = Counter()
        return DeidentificationUIDMap(generate: {
            let next = counter.next()
            return UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, UInt8(next)))
        })
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func next() -> Int {
            lock.withLock {
                value += 1
                return value
            }
        }
    }

    /// An instance with an attribute of every action class, nested ones, private and overlay attributes.
    static func instance(sop: String, referencing: String? = nil) throws -> DICOMFile {
        var data = DataSet()
        try data.set(.specificCharacterSet, vr: .CS, string: "ISO_IR 100")
        try data.set(.sopClassUID, vr: .UI, string: ctImage)
        try data.set(.sopInstanceUID, vr: .UI, string: sop)
        try data.set(Tag(0x0008, 0x0020), vr: .DA, string: "20240105")  // Study Date: Z
        try data.set(Tag(0x0008, 0x0021), vr: .DA, string: "20240105")  // Series Date: X/D
        try data.set(Tag(0x0008, 0x0022), vr: .DA, string: "20240105")  // Acquisition Date: X/Z
        try data.set(Tag(0x0008, 0x0023), vr: .DA, string: "20240105")  // Content Date: Z/D
        try data.set(Tag(0x0008, 0x0050), vr: .SH, string: "ACC123")  // Accession Number: Z
        try data.set(Tag(0x0008, 0x0060), vr: .CS, string: "CT")  // Modality: not in the table, kept
        try data.set(Tag(0x0008, 0x0080), vr: .LO, string: "St Elsewhere Hospital")  // Institution Name: X/Z/D
        try data.set(Tag(0x0008, 0x0081), vr: .ST, string: "1 Hospital Road")  // Institution Address: X
        try data.set(Tag(0x0008, 0x0090), vr: .PN, string: "Referrer^Rita")  // Referring Physician's Name: Z
        if let referencing {
            var reference = DataSet()
            try reference.set(Tag(0x0008, 0x1150), vr: .UI, string: ctImage)
            try reference.set(Tag(0x0008, 0x1155), vr: .UI, string: referencing)
            data.set(Tag(0x0008, 0x1140), sequence: [reference])  // Referenced Image Sequence: X/Z/U*
        }
        try data.set(.patientName, vr: .PN, string: "Smith^Jane")  // Z
        try data.set(Tag(0x0010, 0x0020), vr: .LO, string: "RVJ1234567")  // Patient ID: Z
        try data.set(Tag(0x0010, 0x0030), vr: .DA, string: "19700101")  // Birth Date: Z
        try data.set(Tag(0x0010, 0x1000), vr: .LO, string: "OTHER-ID-9")  // Other Patient IDs: X
        var other = DataSet()
        try other.set(Tag(0x0010, 0x0020), vr: .LO, string: "NESTED-ID-7")
        data.set(Tag(0x0010, 0x1002), sequence: [other])  // Other Patient IDs Sequence: X
        try data.set(Tag(0x0018, 0x1030), vr: .LO, string: "Head routine")  // Protocol Name: X/D
        try data.set(Tag(0x0020, 0x000D), vr: .UI, string: studyUID)  // U
        try data.set(Tag(0x0020, 0x000E), vr: .UI, string: seriesUID)  // U
        try data.set(Tag(0x0020, 0x0052), vr: .UI, string: frameUID)  // Frame of Reference UID: U
        try data.set(Tag(0x0028, 0x0010), vr: .US, int: 2)  // Rows: kept
        try data.set(Tag(0x0029, 0x0010), vr: .LO, string: "ACME PRIVATE")  // private creator: removed
        try data.set(Tag(0x0029, 0x1001), vr: .LO, string: "Smith^Jane")  // private: removed
        var verifier = DataSet()
        try verifier.set(Tag(0x0040, 0xA075), vr: .PN, string: "Verifier^Vera")  // Verifying Observer Name: D
        data.set(Tag(0x0040, 0xA073), sequence: [verifier])  // Verifying Observer Sequence: D
        try data.set(Tag(0x5000, 0x0005), vr: .US, int: 1)  // Curve Dimensions: removed
        data.set(Tag(0x6000, 0x3000), vr: .OW, bytes: ByteBuffer(bytes: [1, 2, 3, 4]))  // Overlay Data: removed
        data.set(Tag(0x7FE0, 0x0010), vr: .OW, bytes: ByteBuffer(bytes: [7, 0, 9, 0]))  // Pixel Data: kept
        return DICOMFile(dataSet: data, transferSyntax: .explicitVRLittleEndian)
    }

    @Test("Each action class of Table E.1-1: D, Z, X, U, Z/D, X/Z, X/D, X/Z/D, X/Z/U*, kept, private and overlays")
    func actionClasses() throws {
        var deidentifier = Deidentifier(uids: Self.sequentialUIDs())
        let out = try deidentifier.deidentify(try Self.instance(sop: "1.2.3.4.1", referencing: "1.2.3.4.0"))
        let data = out.dataSet
        // Z: present, empty.
        for tag in [Tag(0x0008, 0x0020), Tag(0x0008, 0x0050), Tag(0x0008, 0x0090), .patientName, Tag(0x0010, 0x0020)] {
            #expect(data[tag]?.isEmpty == true, "Z: \(tag) is emptied")
        }
        // X: gone.
        for tag in [Tag(0x0008, 0x0081), Tag(0x0010, 0x1000), Tag(0x0010, 0x1002)] {
            #expect(data[tag] == nil, "X: \(tag) is removed")
        }
        // D, nested: the Verifying Observer Sequence keeps its item, with a dummy name.
        #expect(data.sequence(Tag(0x0040, 0xA073))?.first?.string(Tag(0x0040, 0xA075)) == "ANONYMOUS")
        // U: new UUID-derived UIDs, in order of first sight (SOP, referenced SOP, study, series, frame of reference).
        #expect(data.string(.sopInstanceUID) == "2.25.1")
        #expect(data.string(Tag(0x0020, 0x000D)) == "2.25.3")
        #expect(data.string(Tag(0x0020, 0x000E)) == "2.25.4")
        #expect(data.string(Tag(0x0020, 0x0052)) == "2.25.5")
        // Z/D → Z, X/Z → Z, X/Z/D → Z, X/D → D (resolved so a Type 1 or 2 attribute stays present).
        #expect(data[Tag(0x0008, 0x0023)]?.isEmpty == true)
        #expect(data[Tag(0x0008, 0x0022)]?.isEmpty == true)
        #expect(data[Tag(0x0008, 0x0080)]?.isEmpty == true)
        #expect(data.string(Tag(0x0008, 0x0021)) == "19000101")
        #expect(data.string(Tag(0x0018, 0x1030)) == "ANONYMIZED")
        // X/Z/U*: the item stays, its SOP Instance UID replaced, its SOP Class UID kept.
        let reference = try #require(data.sequence(Tag(0x0008, 0x1140))?.first)
        #expect(reference.string(Tag(0x0008, 0x1155)) == "2.25.2")
        #expect(reference.string(Tag(0x0008, 0x1150)) == Self.ctImage)
        // Kept: not in the table.
        #expect(data.string(Tag(0x0008, 0x0060)) == "CT")
        #expect(data.int(Tag(0x0028, 0x0010)) == 2)
        #expect(data.bytes(Tag(0x7FE0, 0x0010)).map { Array($0.readableBytesView) } == [7, 0, 9, 0])
        // §E.3: private attributes, curves and overlay data removed.
        #expect(!data.tags.contains { $0.isPrivate || $0.group == 0x5000 || $0 == Tag(0x6000, 0x3000) })
        // The result says what was done (PS3.3 §C.7.1.1), and the file meta names the new instance.
        #expect(data.string(Tag(0x0012, 0x0062)) == "YES")
        #expect(data.string(Tag(0x0012, 0x0063)) == Deidentifier.method)
        #expect(data.sequence(Tag(0x0012, 0x0064))?.first?.string(.codeValue) == "113100")
        #expect(out.fileMetaInformation.string(.mediaStorageSOPInstanceUID) == "2.25.1")
        // Every composite code of the table resolves to one of the plain actions.
        for action in DeidentificationAction.allCases {
            #expect([.dummy, .zero, .remove, .keep, .replaceUID].contains(action.resolved))
        }
        #expect(BasicConfidentialityProfile.actions.count > 600)
        #expect(BasicConfidentialityProfile.action(for: Tag(0x0010, 0x0010)) == .zero)
        #expect(BasicConfidentialityProfile.action(for: Tag(0x6002, 0x3000)) == .remove)
        #expect(BasicConfidentialityProfile.action(for: Tag(0x0028, 0x0010)) == nil)
    }

    @Test("UIDs map consistently across a study's instances; another export gets other UIDs")
    func consistentUIDs() throws {
        var deidentifier = Deidentifier()
        let first = try deidentifier.deidentify(try Self.instance(sop: "1.2.3.4.1")).dataSet
        let second = try deidentifier.deidentify(try Self.instance(sop: "1.2.3.4.2", referencing: "1.2.3.4.1")).dataSet
        let study = try #require(first.string(Tag(0x0020, 0x000D)))
        #expect(study.hasPrefix("2.25.") && study != Self.studyUID)
        #expect(second.string(Tag(0x0020, 0x000D)) == study)
        #expect(second.string(Tag(0x0020, 0x000E)) == first.string(Tag(0x0020, 0x000E)))
        #expect(second.string(Tag(0x0020, 0x0052)) == first.string(Tag(0x0020, 0x0052)))
        #expect(second.string(.sopInstanceUID) != first.string(.sopInstanceUID))
        // The second instance's reference to the first points at the first's new UID.
        #expect(
            second.sequence(Tag(0x0008, 0x1140))?.first?.string(Tag(0x0008, 0x1155)) == first.string(.sopInstanceUID))
        #expect(deidentifier.uids.mapping[Self.studyUID] == study)
        var other = Deidentifier()
        let again = try other.deidentify(try Self.instance(sop: "1.2.3.4.1")).dataSet
        #expect(again.string(Tag(0x0020, 0x000D)) != study, "two exports cannot be linked by their UIDs")
    }

    @Test(
        "No patient identifier of a corpus file is left in the written bytes",
        arguments: [
            "dicom/pydicom-data/693_UNCI.dcm", "dicom/orthanc-tests/2017-06-27-XSSInjection.dcm",
            "dicom/pydicom-data/MR-SIEMENS-DICOM-WithOverlays.dcm",
        ])
    func corpusIdentifiersGone(_ path: String) throws {
        let corpus = try Corpus.load()
        let original = try DICOMReader().read(contentsOf: corpus.root.appendingPathComponent(path).path)
        var deidentifier = Deidentifier()
        let out = try deidentifier.deidentify(original)
        let bytes = try DICOMWriter().write(out)
        let text = String(decoding: bytes.readableBytesView, as: UTF8.self)
        let identifying: [DICOM.Tag] = [
            .patientName, Tag(0x0010, 0x0020), Tag(0x0010, 0x0030), Tag(0x0020, 0x000D), Tag(0x0020, 0x000E),
            .sopInstanceUID, Tag(0x0008, 0x0050), Tag(0x0008, 0x0080), Tag(0x0008, 0x0090), Tag(0x0020, 0x0010),
        ]
        var checked = 0
        for tag in identifying {
            guard let value = original.dataSet.string(tag)?.trimmingCharacters(in: .whitespaces), value.count >= 4
            else { continue }
            checked += 1
            #expect(!text.contains(value), "\(tag) '\(value)' is gone from \(path)")
        }
        #expect(checked >= 3, "the file carried identifiers to remove")
        #expect(!out.dataSet.tags.contains { $0.isPrivate })
        // It reads back as DICOM with the same pixels.
        let reread = try DICOMReader().read(bytes)
        #expect(reread.dataSet.string(Tag(0x0012, 0x0062)) == "YES")
        #expect(reread.dataSet.bytes(Tag(0x7FE0, 0x0010)) == original.dataSet.bytes(Tag(0x7FE0, 0x0010)))
    }

    @Test("Burned-in annotation is refused, naming why")
    func burnedIn() throws {
        var file = try Self.instance(sop: "1.2.3.4.1")
        try file.dataSet.set(Tag(0x0028, 0x0301), vr: .CS, string: "YES")
        var deidentifier = Deidentifier()
        do {
            _ = try deidentifier.deidentify(file)
            Issue.record("an instance with burned-in annotation was de-identified")
        } catch let error as DICOMError {
            #expect(error.code == .deidentificationRefused && error.message.contains("burned-in"))
        }
    }

    @Test("Golden listing of a de-identified instance")
    func golden() throws {
        var deidentifier = Deidentifier(uids: Self.sequentialUIDs())
        let out = try deidentifier.deidentify(try Self.instance(sop: "1.2.3.4.1", referencing: "1.2.3.4.0"))
        let listing = DICOMDumper().dump(out.dataSet)
        #expect(listing == Self.goldenListing, "\(listing)")
    }

    static let goldenListing = #"""
        (0008,0005) CS [ISO_IR 100]                             #  10, 1 SpecificCharacterSet
        (0008,0016) UI =CTImageStorage                          #  25, 1 SOPClassUID
        (0008,0018) UI [2.25.1]                                 #   6, 1 SOPInstanceUID
        (0008,0020) DA (no value available)                     #   0, 0 StudyDate
        (0008,0021) DA [19000101]                               #   8, 1 SeriesDate
        (0008,0022) DA (no value available)                     #   0, 0 AcquisitionDate
        (0008,0023) DA (no value available)                     #   0, 0 ContentDate
        (0008,0050) SH (no value available)                     #   0, 0 AccessionNumber
        (0008,0060) CS [CT]                                     #   2, 1 Modality
        (0008,0080) LO (no value available)                     #   0, 0 InstitutionName
        (0008,0090) PN (no value available)                     #   0, 0 ReferringPhysicianName
        (0008,1140) SQ (Sequence with undefined length #=1)     # u/l, 1 ReferencedImageSequence
          (fffe,e000) na (Item with undefined length #=2)         # u/l, 1 Item
            (0008,1150) UI =CTImageStorage                          #  25, 1 ReferencedSOPClassUID
            (0008,1155) UI [2.25.2]                                 #   6, 1 ReferencedSOPInstanceUID
          (fffe,e00d) na (ItemDelimitationItem)                   #   0, 0 ItemDelimitationItem
        (fffe,e0dd) na (SequenceDelimitationItem)               #   0, 0 SequenceDelimitationItem
        (0010,0010) PN (no value available)                     #   0, 0 PatientName
        (0010,0020) LO (no value available)                     #   0, 0 PatientID
        (0010,0030) DA (no value available)                     #   0, 0 PatientBirthDate
        (0012,0062) CS [YES]                                    #   3, 1 PatientIdentityRemoved
        (0012,0063) LO [PS3.15 Annex E Basic Application Level Confidentiality Profile] #  62, 1 DeidentificationMethod
        (0012,0064) SQ (Sequence with undefined length #=1)     # u/l, 1 DeidentificationMethodCodeSequence
          (fffe,e000) na (Item with undefined length #=3)         # u/l, 1 Item
            (0008,0100) SH [113100]                                 #   6, 1 CodeValue
            (0008,0102) SH [DCM]                                    #   3, 1 CodingSchemeDesignator
            (0008,0104) LO [Basic Application Confidentiality Profile] #  41, 1 CodeMeaning
          (fffe,e00d) na (ItemDelimitationItem)                   #   0, 0 ItemDelimitationItem
        (fffe,e0dd) na (SequenceDelimitationItem)               #   0, 0 SequenceDelimitationItem
        (0018,1030) LO [ANONYMIZED]                             #  10, 1 ProtocolName
        (0020,000d) UI [2.25.3]                                 #   6, 1 StudyInstanceUID
        (0020,000e) UI [2.25.4]                                 #   6, 1 SeriesInstanceUID
        (0020,0052) UI [2.25.5]                                 #   6, 1 FrameOfReferenceUID
        (0028,0010) US 2                                        #   2, 1 Rows
        (0040,a073) SQ (Sequence with undefined length #=1)     # u/l, 1 VerifyingObserverSequence
          (fffe,e000) na (Item with undefined length #=1)         # u/l, 1 Item
            (0040,a075) PN [ANONYMOUS]                              #   9, 1 VerifyingObserverName
          (fffe,e00d) na (ItemDelimitationItem)                   #   0, 0 ItemDelimitationItem
        (fffe,e0dd) na (SequenceDelimitationItem)               #   0, 0 SequenceDelimitationItem
        (7fe0,0010) OW 0007\0009                                #   4, 1 PixelData

        """#
}
