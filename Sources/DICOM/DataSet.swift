import NIOCore

/// A data set: data elements ordered by tag. PS3.5 §7.
///
/// A value type; sequence items are data sets. Strings are decoded with `characterSet`, which the reader
/// sets from Specific Character Set (0008,0005) or inherits from the enclosing data set (PS3.5 §7.5.3).
public struct DataSet: Sendable, Equatable, Sequence {
    /// The elements, ascending by tag.
    public private(set) var elements: [DataElement]
    /// The character set used to decode and encode text values of this data set.
    public var characterSet: SpecificCharacterSet

    /// An empty data set.
    public init(characterSet: SpecificCharacterSet = .default) {
        elements = []
        self.characterSet = characterSet
    }

    /// A data set holding these elements (sorted by tag; a later duplicate replaces an earlier one).
    public init(_ elements: [DataElement], characterSet: SpecificCharacterSet = .default) {
        self.elements = []
        self.characterSet = characterSet
        for element in elements { insert(element) }
    }

    /// The number of elements.
    public var count: Int { elements.count }
    /// True when there are no elements.
    public var isEmpty: Bool { elements.isEmpty }
    /// The tags, ascending.
    public var tags: [Tag] { elements.map(\.tag) }

    public func makeIterator() -> IndexingIterator<[DataElement]> { elements.makeIterator() }

    /// The element with this tag: `dataSet[.patientName]`. Setting nil removes it.
    public subscript(tag: Tag) -> DataElement? {
        get {
            let index = position(of: tag)
            return index < elements.count && elements[index].tag == tag ? elements[index] : nil
        }
        set {
            if let newValue {
                precondition(newValue.tag == tag, "element tag must match subscript tag")
                insert(newValue)
            } else {
                remove(tag)
            }
        }
    }

    /// True when an element with this tag is present.
    public func contains(_ tag: Tag) -> Bool { self[tag] != nil }

    /// Inserts or replaces an element.
    public mutating func insert(_ element: DataElement) {
        if let last = elements.last, last.tag < element.tag {
            elements.append(element)
            return
        }
        let index = position(of: element.tag)
        if index < elements.count && elements[index].tag == element.tag {
            elements[index] = element
        } else {
            elements.insert(element, at: index)
        }
    }

    /// Removes the element with this tag; returns it.
    @discardableResult
    public mutating func remove(_ tag: Tag) -> DataElement? {
        let index = position(of: tag)
        guard index < elements.count && elements[index].tag == tag else { return nil }
        return elements.remove(at: index)
    }

    /// Removes every element of a group (e.g. 0x0002 for file meta information).
    public mutating func removeGroup(_ group: UInt16) {
        elements.removeAll { $0.tag.group == group }
    }

    /// Equal elements (character set compared through the elements themselves).
    public static func == (lhs: DataSet, rhs: DataSet) -> Bool { lhs.elements == rhs.elements }

    private func position(of tag: Tag) -> Int {
        var low = 0
        var high = elements.count
        while low < high {
            let mid = (low + high) / 2
            if elements[mid].tag < tag { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
