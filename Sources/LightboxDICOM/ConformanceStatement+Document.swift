extension ConformanceStatement {
    /// A document lacks the markers of a generated section.
    public struct MissingSection: Error, CustomStringConvertible {
        public var name: String
        public var description: String {
            "the document has no \(ConformanceStatement.begin(name)) … \(ConformanceStatement.end(name)) markers"
        }
    }

    static func begin(_ name: String) -> String { "<!-- generated:\(name) (lightbox dicom conformance) -->" }
    static func end(_ name: String) -> String { "<!-- /generated:\(name) -->" }

    /// `document` with every generated section replaced by what the code says now; the prose
    /// around the markers is kept as written.
    /// - Throws: ``MissingSection`` when a section's markers are not in the document.
    public func update(_ document: String) throws -> String {
        var text = document
        for section in sections {
            guard let range = Self.contentRange(of: section.name, in: text) else {
                throw MissingSection(name: section.name)
            }
            text.replaceSubrange(range, with: "\n" + section.markdown + "\n")
        }
        return text
    }

    /// The names of the sections whose text in `document` is not what the code generates (or
    /// whose markers are missing); empty when the document says what the code does.
    public func outdatedSections(in document: String) -> [String] {
        sections.compactMap { section in
            guard let range = Self.contentRange(of: section.name, in: document) else { return section.name }
            return document[range] == "\n" + section.markdown + "\n" ? nil : section.name
        }
    }

    /// The text between a section's begin and end markers.
    static func contentRange(of name: String, in document: String) -> Range<String.Index>? {
        guard let begin = document.range(of: begin(name)),
            let end = document.range(of: end(name), range: begin.upperBound..<document.endIndex)
        else { return nil }
        return begin.upperBound..<end.lowerBound
    }
}
