extension ContentItem {
    /// The direct children whose concept name matches `concept` (see `CodedEntry.matches`).
    public func children(named concept: CodedEntry, relationship: SRRelationshipType? = nil) -> [ContentItem] {
        children.filter { child in
            guard let name = child.conceptName, name.matches(concept) else { return false }
            return relationship == nil || child.relationship == relationship
        }
    }

    /// The first direct child whose concept name matches `concept`.
    public func child(named concept: CodedEntry, relationship: SRRelationshipType? = nil) -> ContentItem? {
        children.first { child in
            guard let name = child.conceptName, name.matches(concept) else { return false }
            return relationship == nil || child.relationship == relationship
        }
    }

    /// The items reached by following a concept-name path from this item, one level per step:
    /// `root.find(path: [.dcm("113702"), .dcm("113722")])`. An empty path gives this item.
    public func find(path: [CodedEntry]) -> [ContentItem] {
        var level = [self]
        for step in path {
            level = level.flatMap { $0.children(named: step) }
            if level.isEmpty { break }
        }
        return level
    }

    /// The first item reached by a concept-name path.
    public func first(path: [CodedEntry]) -> ContentItem? { find(path: path).first }

    /// Every item below this one (depth first, document order) whose concept name matches.
    public func descendants(named concept: CodedEntry) -> [ContentItem] {
        var found: [ContentItem] = []
        walk { item, _ in
            if let name = item.conceptName, name.matches(concept) { found.append(item) }
            return true
        }
        return found.filter { $0.position != position }
    }

    /// Visits this item and its descendants depth first in document order; `visit` gets the item
    /// and its depth below this one, and returns false to skip that item's children.
    /// By-reference items are visited but not followed, so the walk always ends.
    public func walk(_ visit: (ContentItem, Int) -> Bool) {
        var stack: [(ContentItem, Int)] = [(self, 0)]
        while let (item, depth) = stack.popLast() {
            guard visit(item, depth) else { continue }
            for child in item.children.reversed() { stack.append((child, depth + 1)) }
        }
    }
}

extension CodedEntry {
    /// A code of the DICOM Controlled Terminology (PS3.16 Annex D): `.dcm("113722")`.
    public static func dcm(_ value: String, _ meaning: String = "") -> CodedEntry { CodedEntry(value, "DCM", meaning) }
}
