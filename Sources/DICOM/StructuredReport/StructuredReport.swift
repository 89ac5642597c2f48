/// An SR document: the content tree of the SR Document Content Module and the document's identity.
/// PS3.3 §C.17.2, §C.17.3.
///
/// Decoding is lenient: real reports break the templates, so whatever cannot be understood is kept
/// as `.unknown` and described in `warnings`, and decoding never fails once the root is an SR root.
public struct StructuredReport: Sendable, Hashable {
    /// The root CONTAINER (the data set itself), with the whole tree below it.
    public var root: ContentItem
    /// SOP Class UID (0008,0016).
    public var sopClassUID: String?
    /// SOP Instance UID (0008,0018).
    public var sopInstanceUID: String?
    /// Template Identifier (0040,DB00) of the root's Content Template Sequence, e.g. `10001`.
    public var templateIdentifier: String?
    /// Mapping Resource (0008,0105) of that template, e.g. `DCMR`.
    public var mappingResource: String?
    /// Completion Flag (0040,A491): PARTIAL or COMPLETE.
    public var completionFlag: String?
    /// Verification Flag (0040,A493): UNVERIFIED or VERIFIED.
    public var verificationFlag: String?
    /// What the reader could not understand or found missing.
    public var warnings: [SRWarning]

    /// Deepest content tree accepted; deeper items are dropped with a warning.
    public static let maximumDepth = 128

    /// Reads the content tree of an SR data set.
    /// - Throws: `DICOMError` `.malformed` when the data set has neither a Value Type nor a Content Sequence.
    public init(dataSet: DataSet) throws {
        guard dataSet.contains(.valueType) || dataSet.contains(.contentSequence) else {
            throw DICOMError(
                .malformed, "not a structured report: no Value Type (0040,A040) and no Content Sequence (0040,A730)")
        }
        var decoder = ContentItemDecoder()
        root = decoder.decode(dataSet, position: [], isRoot: true)
        sopClassUID = dataSet.string(.sopClassUID)
        sopInstanceUID = dataSet.string(.sopInstanceUID)
        let template = dataSet.sequence(.contentTemplateSequence)?.first
        templateIdentifier = template?.string(.templateIdentifier)
        mappingResource = template?.string(.mappingResource)
        completionFlag = dataSet.string(Tag(0x0040, 0xA491))
        verificationFlag = dataSet.string(Tag(0x0040, 0xA493))
        warnings = decoder.warnings
        if root.valueType != .container {
            warnings.insert(
                SRWarning(code: "sr.root-not-container", message: "the root content item is not a CONTAINER"), at: 0)
        }
        warnings += checkReferences()
    }

    /// Creates a report from a tree built in code.
    public init(root: ContentItem, sopClassUID: String? = nil, templateIdentifier: String? = nil) {
        self.root = root
        self.sopClassUID = sopClassUID
        self.templateIdentifier = templateIdentifier
        mappingResource = templateIdentifier == nil ? nil : "DCMR"
        warnings = []
    }

    /// The item at a 1-based position from the root (`[]` is the root). PS3.3 §C.17.3.2.5.
    public func item(at position: [Int]) -> ContentItem? {
        var item = root
        for index in position {
            guard index >= 1, index <= item.children.count else { return nil }
            item = item.children[index - 1]
        }
        return item
    }

    /// The item a by-reference item points at, following chains of references; nil when the
    /// target is missing or the chain loops. Other items resolve to themselves.
    public func resolve(_ item: ContentItem) -> ContentItem? {
        var current = item
        var seen: Set<[Int]> = []
        while let target = current.reference {
            guard seen.insert(target).inserted, let next = self.item(at: target) else { return nil }
            current = next
        }
        return current
    }

    /// Warnings for references that point nowhere, at an ancestor (a cycle), or around in a loop.
    private func checkReferences() -> [SRWarning] {
        var found: [SRWarning] = []
        root.walk { item, _ in
            guard let target = item.reference else { return true }
            let label = target.map(String.init).joined(separator: ".")
            if self.item(at: target) == nil {
                found.append(
                    SRWarning(
                        code: "sr.dangling-reference", path: item.path,
                        message: "referenced content item \(label) does not exist"))
            } else if item.position.starts(with: target) {
                found.append(
                    SRWarning(
                        code: "sr.reference-cycle", path: item.path,
                        message: "reference to ancestor \(label) makes a cycle; not followed"))
            } else if self.resolve(item) == nil {
                found.append(
                    SRWarning(
                        code: "sr.reference-cycle", path: item.path,
                        message: "references starting at \(label) loop; not followed"))
            }
            return true
        }
        return found
    }
}
