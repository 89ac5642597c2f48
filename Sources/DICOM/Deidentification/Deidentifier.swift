import Foundation
import NIOCore

/// De-identifies instances by the Basic Application Level Confidentiality Profile (PS3.15 Annex E, §E.1.1 and
/// Table E.1-1), one at a time, with one ``DeidentificationUIDMap`` so that every instance of an export (a study's
/// series, the references between them) gets the same new UIDs for the same originals.
///
/// ```swift
/// var deidentifier = Deidentifier()
/// for file in study { exported.append(try deidentifier.deidentify(file)) }
/// ```
///
/// Every attribute of Table E.1-1 found at any depth gets its action (composite codes resolved by
/// ``DeidentificationAction/resolved``), private attributes, curves and overlay data are removed, the sequences that
/// remain are cleaned item by item, and the result says so: Patient Identity Removed (0012,0062) `YES`,
/// De-identification Method (0012,0063) and its code 113100 in (0012,0064) (PS3.3 §C.7.1.1). Pixel data is kept
/// as it is, so an instance whose Burned In Annotation (0028,0301) is `YES` is refused: its pixels may show the
/// patient's identity and the basic profile without the Clean Pixel Data Option cannot remove it.
public struct Deidentifier: Sendable {
    /// Replacement text of a de-identified De-identification Method (0012,0063), at most 64 characters (LO).
    public static let method = "PS3.15 Annex E Basic Application Level Confidentiality Profile"

    static let patientIdentityRemoved = Tag(0x0012, 0x0062)
    static let deidentificationMethod = Tag(0x0012, 0x0063)
    static let deidentificationMethodCodeSequence = Tag(0x0012, 0x0064)
    static let burnedInAnnotation = Tag(0x0028, 0x0301)

    /// The UIDs replaced so far (original → new).
    public private(set) var uids: DeidentificationUIDMap

    /// A de-identifier with its own UID map (a test passes one drawing fixed UUIDs).
    public init(uids: DeidentificationUIDMap = DeidentificationUIDMap()) {
        self.uids = uids
    }

    /// The de-identified copy of `file`, with new file meta information naming the new SOP Instance UID
    /// (Media Storage SOP Instance UID is itself a "U" attribute). Big endian data sets are written little endian.
    public mutating func deidentify(_ file: DICOMFile) throws -> DICOMFile {
        if let burned = file.dataSet.string(Self.burnedInAnnotation)?.trimmingCharacters(in: .whitespaces),
            burned.uppercased() == "YES"
        {
            throw DICOMError(
                .deidentificationRefused,
                "the instance says its pixels carry burned-in annotation, which the basic profile does not remove",
                tag: Self.burnedInAnnotation)
        }
        var dataSet = try clean(file.dataSet)
        try dataSet.set(Self.patientIdentityRemoved, vr: .CS, string: "YES")
        try dataSet.set(Self.deidentificationMethod, vr: .LO, string: Self.method)
        var code = DataSet(characterSet: dataSet.characterSet)
        try code.set(.codeValue, vr: .SH, string: BasicConfidentialityProfile.methodCode.value)
        try code.set(.codingSchemeDesignator, vr: .SH, string: BasicConfidentialityProfile.methodCode.scheme)
        try code.set(.codeMeaning, vr: .LO, string: BasicConfidentialityProfile.methodCode.meaning)
        dataSet.set(Self.deidentificationMethodCodeSequence, sequence: [code])
        var meta = DataSet()
        if let sopClass = dataSet.string(.sopClassUID) {
            try meta.set(.mediaStorageSOPClassUID, vr: .UI, string: sopClass)
        }
        if let sopInstance = dataSet.string(.sopInstanceUID) {
            try meta.set(.mediaStorageSOPInstanceUID, vr: .UI, string: sopInstance)
        }
        let syntax = file.transferSyntax.isLittleEndian ? file.transferSyntax : .explicitVRLittleEndian
        return DICOMFile(preamble: nil, fileMetaInformation: meta, dataSet: dataSet, transferSyntax: syntax)
    }

    /// `dataSet` with the profile applied to each element, sequences' items included.
    public mutating func clean(_ dataSet: DataSet) throws -> DataSet {
        var out = DataSet(characterSet: dataSet.characterSet)
        for element in dataSet {
            guard let action = BasicConfidentialityProfile.action(for: element.tag)?.resolved else {
                out.insert(try kept(element))
                continue
            }
            switch action {
            case .remove: continue
            case .zero: out.insert(Self.zeroed(element))
            case .dummy: out.insert(try dummy(element, characterSet: dataSet.characterSet))
            case .replaceUID: out.insert(try replacingUIDs(element))
            default: out.insert(try kept(element))
            }
        }
        return out
    }

    /// A kept element; a sequence's items are cleaned, since the table applies at every depth.
    mutating func kept(_ element: DataElement) throws -> DataElement {
        guard case .sequence(let items) = element.value else { return element }
        var cleaned: [DataSet] = []
        for item in items { cleaned.append(try clean(item)) }
        return DataElement(tag: element.tag, vr: element.vr, value: .sequence(cleaned))
    }

    /// Z: a zero-length value (an empty sequence for SQ).
    static func zeroed(_ element: DataElement) -> DataElement {
        if element.vr == .SQ || element.items != nil {
            return DataElement(tag: element.tag, vr: .SQ, value: .sequence([]))
        }
        return DataElement(tag: element.tag, vr: element.vr, bytes: ByteBuffer())
    }

    /// D: a dummy value consistent with the VR; a sequence keeps its items, cleaned; a UID is replaced as for U.
    mutating func dummy(_ element: DataElement, characterSet: SpecificCharacterSet) throws -> DataElement {
        if element.items != nil { return try kept(element) }
        var holder = DataSet(characterSet: characterSet)
        let text: String?
        switch element.vr {
        case .UI: return try replacingUIDs(element)
        case .PN: text = "ANONYMOUS"
        case .DA: text = "19000101"
        case .TM: text = "000000"
        case .DT: text = "19000101000000"
        case .AS: text = "000Y"
        case .DS, .IS: text = "0"
        case .AE, .CS, .SH, .LO, .LT, .ST, .UT, .UC: text = "ANONYMIZED"
        default: text = nil
        }
        if let text {
            try holder.set(element.tag, vr: element.vr, string: text)
            return holder[element.tag] ?? Self.zeroed(element)
        }
        if let size = element.vr.binaryWordSize, [.US, .SS, .UL, .SL, .FL, .FD, .SV, .UV, .AT].contains(element.vr) {
            let width = element.vr == .AT ? 4 : size
            return DataElement(tag: element.tag, vr: element.vr, bytes: ByteBuffer(repeating: 0, count: width))
        }
        // Bulk values (OB, OW, UN, UR…) have no meaningful dummy: nothing of the original is kept.
        return Self.zeroed(element)
    }

    /// U: each UID of the value replaced through the map; a sequence's items cleaned (X/Z/U*); any other VR emptied.
    mutating func replacingUIDs(_ element: DataElement) throws -> DataElement {
        if element.items != nil { return try kept(element) }
        guard element.vr == .UI || element.vr == .UN, let bytes = element.bytes else { return Self.zeroed(element) }
        let originals = String(buffer: bytes).split(separator: "\\", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: CharacterSet(charactersIn: "\0 "))
        }
        let replaced = originals.map { $0.isEmpty ? "" : uids.map($0) }
        var holder = DataSet()
        try holder.set(element.tag, vr: .UI, strings: replaced)
        return holder[element.tag] ?? Self.zeroed(element)
    }
}
